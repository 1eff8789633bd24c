package io.insurebridge.platform.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/** gateway_visits: the registrations this gateway made, keyed by institution + HIS visit number and by mdtrt_id. */
public class GatewayVisitStore {

    private static final String COLUMNS = "id, institution_code, ipt_otp_no, psn_no, psn_name, insutype, "
            + "insuplc_admdvs, psn_insu_stas, balc, mdtrt_id, inet_flag, med_type, mdtrt_cert_type, mdtrt_cert_no, "
            + "status, setl_id, fee_msgid, settle_msgid, person_json";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public GatewayVisitStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<GatewayVisit> find(String institutionCode, String visitNo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM gateway_visits WHERE institution_code = ? AND ipt_otp_no = ?",
                GatewayVisitStore::row, institutionCode, visitNo).stream().findFirst();
    }

    public Optional<GatewayVisit> findByMdtrtId(String mdtrtId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM gateway_visits WHERE mdtrt_id = ?", GatewayVisitStore::row,
                mdtrtId).stream().findFirst();
    }

    /**
     * Records a fresh registration. A visit number whose earlier registration was cancelled (2202) is registered
     * again in the same row: the HIS reuses its number, the platform gave a new mdtrt_id.
     */
    public GatewayVisit saveRegistration(GatewayVisit visit) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int updated = jdbc.update("UPDATE gateway_visits SET psn_no = ?, psn_name = ?, insutype = ?, insuplc_admdvs = ?, "
                        + "psn_insu_stas = ?, balc = ?, mdtrt_id = ?, inet_flag = ?, med_type = ?, mdtrt_cert_type = ?, "
                        + "mdtrt_cert_no = ?, status = ?, setl_id = NULL, fee_msgid = NULL, settle_msgid = NULL, "
                        + "person_json = ?, registered_at = ?, updated_at = ? "
                        + "WHERE institution_code = ? AND ipt_otp_no = ? AND status = ?",
                visit.psnNo(), visit.psnName(), visit.insutype(), visit.insuplcAdmdvs(), visit.psnInsuStas(),
                visit.balc(), visit.mdtrtId(), flag(visit.internet()), visit.medType(), visit.mdtrtCertType(),
                visit.mdtrtCertNo(), VisitStatus.REGISTERED.name(), visit.personJson(), now, now,
                visit.institutionCode(), visit.visitNo(), VisitStatus.CANCELLED.name());
        if (updated == 0) {
            jdbc.update("INSERT INTO gateway_visits (institution_code, ipt_otp_no, psn_no, psn_name, insutype, "
                            + "insuplc_admdvs, psn_insu_stas, balc, mdtrt_id, inet_flag, med_type, mdtrt_cert_type, "
                            + "mdtrt_cert_no, status, person_json, registered_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    visit.institutionCode(), visit.visitNo(), visit.psnNo(), visit.psnName(), visit.insutype(),
                    visit.insuplcAdmdvs(), visit.psnInsuStas(), visit.balc(), visit.mdtrtId(), flag(visit.internet()),
                    visit.medType(), visit.mdtrtCertType(), visit.mdtrtCertNo(), VisitStatus.REGISTERED.name(),
                    visit.personJson(), now, now);
        }
        return find(visit.institutionCode(), visit.visitNo()).orElseThrow();
    }

    public void feesUploaded(long id, String feeMsgid) {
        jdbc.update("UPDATE gateway_visits SET status = ?, fee_msgid = ?, settle_msgid = NULL, updated_at = ? "
                + "WHERE id = ?", VisitStatus.FEES_UPLOADED.name(), feeMsgid, OffsetDateTime.now(clock), id);
    }

    /** 2206 / 2207 result (or a 2207 in flight: SETTLE_PENDING with the msgid that must be reversed if lost). */
    public void settlement(long id, VisitStatus status, String settleMsgid, String setlId) {
        jdbc.update("UPDATE gateway_visits SET status = ?, settle_msgid = ?, setl_id = ?, updated_at = ? WHERE id = ?",
                status.name(), settleMsgid, setlId, OffsetDateTime.now(clock), id);
    }

    public void status(long id, VisitStatus status) {
        jdbc.update("UPDATE gateway_visits SET status = ?, updated_at = ? WHERE id = ?", status.name(),
                OffsetDateTime.now(clock), id);
    }

    private static String flag(boolean internet) { return internet ? "1" : "0"; }

    private static GatewayVisit row(ResultSet rs, int rowNum) throws SQLException {
        return new GatewayVisit(rs.getLong("id"), rs.getString("institution_code"), rs.getString("ipt_otp_no"),
                rs.getString("psn_no"), rs.getString("psn_name"), rs.getString("insutype"),
                rs.getString("insuplc_admdvs"), rs.getString("psn_insu_stas"), rs.getBigDecimal("balc"),
                rs.getString("mdtrt_id"), "1".equals(rs.getString("inet_flag")), rs.getString("med_type"),
                rs.getString("mdtrt_cert_type"), rs.getString("mdtrt_cert_no"),
                VisitStatus.valueOf(rs.getString("status")), rs.getString("setl_id"), rs.getString("fee_msgid"),
                rs.getString("settle_msgid"), rs.getString("person_json"));
    }
}
