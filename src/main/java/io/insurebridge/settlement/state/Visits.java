package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Optional;

@Repository
public class Visits {
    private static final RowMapper<VisitRecord> ROW = (rs, i) -> new VisitRecord(rs.getString("mdtrt_id"),
            rs.getString("psn_no"), rs.getString("insutype"), rs.getString("insuplc_admdvs"),
            rs.getString("mdtrtarea_admvs"), rs.getString("fixmedins_code"), rs.getString("atddr_no"),
            rs.getString("ipt_otp_no"), rs.getString("mdtrt_cert_type"), rs.getBoolean("inet_flag"),
            rs.getString("med_type"), rs.getString("main_diag"), rs.getObject("begntime", OffsetDateTime.class),
            rs.getString("status"));

    private final JdbcTemplate jdbc;

    public Visits(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(VisitRecord v, String msgid, OffsetDateTime now) {
        jdbc.update("INSERT INTO node_visit (mdtrt_id, psn_no, insutype, insuplc_admdvs, mdtrtarea_admvs, "
                        + "fixmedins_code, atddr_no, ipt_otp_no, mdtrt_cert_type, inet_flag, med_type, main_diag, "
                        + "begntime, status, reg_msgid, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                v.mdtrtId(), v.psnNo(), v.insutype(), v.insuplcAdmdvs(), v.mdtrtareaAdmvs(), v.fixmedinsCode(),
                v.atddrNo(), v.iptOtpNo(), v.mdtrtCertType(), v.internet(), v.medType(), v.mainDiag(), v.begntime(),
                v.status(), msgid, now, now);
    }

    public Optional<VisitRecord> find(String mdtrtId) {
        return jdbc.query("SELECT * FROM node_visit WHERE mdtrt_id = ?", ROW, mdtrtId).stream().findFirst();
    }

    public void setStatus(String mdtrtId, String status, OffsetDateTime now) {
        jdbc.update("UPDATE node_visit SET status = ?, updated_at = ? WHERE mdtrt_id = ?", status, now, mdtrtId);
    }

    /** 2203: what the visit is for. */
    public void describe(String mdtrtId, String medType, String mainDiag, String diseInfoJson, OffsetDateTime now) {
        jdbc.update("UPDATE node_visit SET med_type = ?, main_diag = ?, dise_info = ?, updated_at = ? "
                + "WHERE mdtrt_id = ?", medType, mainDiag, diseInfoJson, now, mdtrtId);
    }

    /**
     * Whether the person had a settled offline visit in the same care area between {@code from} and {@code to}
     * whose main diagnosis starts with {@code diagnosisPrefix} (the Internet+ follow-up rule).
     */
    public boolean hasSettledOfflineVisit(String psnNo, String careAdmdvs, String diagnosisPrefix,
                                          OffsetDateTime from, OffsetDateTime to) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM node_visit WHERE psn_no = ? AND status = 'SETTLED' "
                        + "AND inet_flag = FALSE AND mdtrtarea_admvs = ? AND main_diag LIKE ? "
                        + "AND begntime >= ? AND begntime <= ?",
                Integer.class, psnNo, careAdmdvs, diagnosisPrefix + "%", from, to);
        return n != null && n > 0;
    }
}
