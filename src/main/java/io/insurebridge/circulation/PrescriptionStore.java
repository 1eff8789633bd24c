package io.insurebridge.circulation;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hospital's view of its prescriptions in circulation: rx_prescription, rx_status_history, rx_tamper_report. */
public class PrescriptionStore {

    public static final String UPLOADED = "UPLOADED";
    public static final String CIRCULATED = "CIRCULATED";
    public static final String REVIEWED = "REVIEWED";
    public static final String REVIEW_REFUSED = "REVIEW_REFUSED";
    public static final String DISPENSED = "DISPENSED";
    public static final String DELIVERED = "DELIVERED";
    public static final String CANCELLED = "CANCELLED";
    public static final String EXPIRED = "EXPIRED";
    /** Statuses a prescription can still leave (cancel, review, dispense, expire). */
    public static final List<String> OPEN = List.of(UPLOADED, CIRCULATED, REVIEWED, REVIEW_REFUSED);

    private static final RowMapper<CirculatedPrescription> ROW = (rs, n) -> new CirculatedPrescription(
            rs.getString("hi_rxno"), rs.getString("rx_trace_code"), rs.getString("institution_code"),
            rs.getString("hosp_rxno"), (Long) rs.getObject("message_id"), rs.getString("chosen_pharmacy"),
            rs.getString("status"), rs.getObject("valid_until", OffsetDateTime.class), rs.getString("signed_payload"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public PrescriptionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the prescription, or keeps the row already there (the same upload answered again). */
    public void insertIfAbsent(CirculatedPrescription p) {
        if (find(p.hiRxno()).isPresent()) {
            return;
        }
        jdbc.update("INSERT INTO rx_prescription (hi_rxno, rx_trace_code, institution_code, hosp_rxno, message_id,"
                        + " chosen_pharmacy, status, valid_until, signed_payload, created_at, updated_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                p.hiRxno(), p.rxTraceCode(), p.institutionCode(), p.hospRxno(), p.messageId(), p.chosenPharmacy(),
                p.status(), p.validUntil(), p.signedPayload(), p.createdAt(), p.updatedAt());
    }

    public Optional<CirculatedPrescription> find(String hiRxno) {
        List<CirculatedPrescription> rows = jdbc.query("SELECT * FROM rx_prescription WHERE hi_rxno = ?", ROW, hiRxno);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void setStatus(String hiRxno, String status, OffsetDateTime at) {
        jdbc.update("UPDATE rx_prescription SET status = ?, updated_at = ? WHERE hi_rxno = ?", status, at, hiRxno);
    }

    /** UPLOADED -> CIRCULATED on the first delivery to a pharmacy; later statuses stay. */
    public void markCirculated(String hiRxno, OffsetDateTime at) {
        jdbc.update("UPDATE rx_prescription SET status = ?, updated_at = ? WHERE hi_rxno = ? AND status = ?",
                CIRCULATED, at, hiRxno, UPLOADED);
    }

    public List<CirculatedPrescription> openExpiredBefore(OffsetDateTime now) {
        return jdbc.query("SELECT * FROM rx_prescription WHERE valid_until < ? AND status IN (?,?,?,?)", ROW,
                now, OPEN.get(0), OPEN.get(1), OPEN.get(2), OPEN.get(3));
    }

    /** Marks expired only if still open (a pharmacy may have dispensed meanwhile); true when it changed. */
    public boolean expire(String hiRxno, OffsetDateTime at) {
        return jdbc.update("UPDATE rx_prescription SET status = ?, updated_at = ? WHERE hi_rxno = ? AND status IN (?,?,?,?)",
                EXPIRED, at, hiRxno, OPEN.get(0), OPEN.get(1), OPEN.get(2), OPEN.get(3)) == 1;
    }

    public void history(String hiRxno, String status, String actor, String detail, OffsetDateTime at) {
        jdbc.update("INSERT INTO rx_status_history (hi_rxno, status, actor, detail, at) VALUES (?,?,?,?,?)",
                hiRxno, status, actor, detail == null ? null : truncate(detail), at);
    }

    public List<Map<String, Object>> history(String hiRxno) {
        return jdbc.queryForList("SELECT status, actor, detail, at FROM rx_status_history WHERE hi_rxno = ? ORDER BY id",
                hiRxno);
    }

    public long tamperReport(String hiRxno, String pharmacy, String reason, String payload, OffsetDateTime at) {
        jdbc.update("INSERT INTO rx_tamper_report (hi_rxno, pharmacy_code, reason, payload, reported_at) VALUES (?,?,?,?,?)",
                hiRxno, pharmacy, truncate(reason), payload, at);
        return jdbc.queryForObject("SELECT MAX(id) FROM rx_tamper_report WHERE pharmacy_code = ?", Long.class, pharmacy);
    }

    public List<Map<String, Object>> tamperReports() {
        return jdbc.queryForList("SELECT id, hi_rxno, pharmacy_code, reason, reported_at FROM rx_tamper_report ORDER BY id");
    }

    /** The drug settlement of a dispensed prescription (2102), once; a second one for it is ignored. */
    public void settled(String hiRxno, String pharmacy, String setlId, String msgid, java.math.BigDecimal medfee,
                        java.math.BigDecimal fund, java.math.BigDecimal acct, java.math.BigDecimal cash,
                        java.math.BigDecimal deliveryFee, String output, OffsetDateTime at) {
        if (settlement(hiRxno).isPresent()) {
            return;
        }
        jdbc.update("INSERT INTO rx_settlement (hi_rxno, pharmacy_code, setl_id, msgid, medfee_sumamt, fund_pay_sumamt,"
                        + " acct_pay, psn_cash_pay, delivery_fee, output, settled_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                hiRxno, pharmacy, setlId, msgid, medfee, fund, acct, cash, deliveryFee, output, at);
    }

    /** pharmacy, setl_id, msgid, amounts and the node's answer (output) of the prescription's drug settlement. */
    public Optional<Map<String, Object>> settlement(String hiRxno) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT pharmacy_code, setl_id, msgid, medfee_sumamt,"
                + " fund_pay_sumamt, acct_pay, psn_cash_pay, delivery_fee, output, settled_at FROM rx_settlement"
                + " WHERE hi_rxno = ?", hiRxno);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static String truncate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500);
    }
}
