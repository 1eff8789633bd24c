package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** node_prescription: e-prescriptions uploaded with 7101 and their circulation state. */
@Repository
public class Prescriptions {

    public static final String UPLOADED = "UPLOADED";
    public static final String REVIEWED = "REVIEWED";
    public static final String REVIEW_REFUSED = "REVIEW_REFUSED";
    public static final String DISPENSED = "DISPENSED";
    public static final String CANCELLED = "CANCELLED";

    private static final RowMapper<PrescriptionRecord> ROW = (rs, n) -> new PrescriptionRecord(
            rs.getString("hi_rxno"), rs.getString("rx_trace_code"), rs.getString("fixmedins_code"),
            rs.getString("hosp_rxno"), rs.getString("dr_code"), rs.getString("psn_no"), rs.getString("status"),
            rs.getString("phar_code"), rs.getObject("valid_until", OffsetDateTime.class),
            rs.getObject("uploaded_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public Prescriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PrescriptionRecord r) {
        jdbc.update("INSERT INTO node_prescription (hi_rxno, rx_trace_code, fixmedins_code, hosp_rxno, dr_code, psn_no,"
                        + " status, phar_code, valid_until, uploaded_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                r.hiRxno(), r.rxTraceCode(), r.institutionCode(), r.hospRxno(), r.doctorCode(), r.psnNo(), r.status(),
                r.pharmacyCode(), r.validUntil(), r.uploadedAt(), r.updatedAt());
    }

    public Optional<PrescriptionRecord> byHospRxno(String institution, String hospRxno) {
        return first(jdbc.query("SELECT * FROM node_prescription WHERE fixmedins_code = ? AND hosp_rxno = ?", ROW,
                institution, hospRxno));
    }

    public Optional<PrescriptionRecord> find(String hiRxno) {
        return first(jdbc.query("SELECT * FROM node_prescription WHERE hi_rxno = ?", ROW, hiRxno));
    }

    /** Locks the row for the rest of the request's transaction: two reports on one prescription run in turn. */
    public Optional<PrescriptionRecord> lock(String hiRxno) {
        return first(jdbc.query("SELECT * FROM node_prescription WHERE hi_rxno = ? FOR UPDATE", ROW, hiRxno));
    }

    public void setStatus(String hiRxno, String status, String pharmacyCode, OffsetDateTime at) {
        jdbc.update("UPDATE node_prescription SET status = ?, phar_code = COALESCE(?, phar_code), updated_at = ?"
                + " WHERE hi_rxno = ?", status, pharmacyCode, at, hiRxno);
    }

    /** 7101: the patient's visit and the prescribed lines, which bound what a pharmacy may settle (2102). */
    public void attach(String hiRxno, String mdtrtId, List<PrescribedDrug> drugs) {
        jdbc.update("UPDATE node_prescription SET mdtrt_id = ? WHERE hi_rxno = ?", mdtrtId, hiRxno);
        for (PrescribedDrug d : drugs) {
            jdbc.update("INSERT INTO node_prescription_drug (hi_rxno, rx_seq, med_list_codg, drug_cnt) VALUES (?,?,?,?)",
                    hiRxno, d.rxSeq(), d.medListCodg(), d.drugCnt());
        }
    }

    /** 7101 as uploaded: the input and its cainfo, what a pharmacy downloads (7203) to check the signature itself. */
    public void keepUpload(String hiRxno, String inputJson, String cainfo) {
        jdbc.update("UPDATE node_prescription SET upload_input = ?, upload_cainfo = ? WHERE hi_rxno = ?", inputJson,
                cainfo, hiRxno);
    }

    public Optional<Upload> upload(String hiRxno) {
        return first(jdbc.query("SELECT upload_input, upload_cainfo FROM node_prescription WHERE hi_rxno = ? "
                + "AND upload_input IS NOT NULL", (rs, n) -> new Upload(rs.getString(1), rs.getString(2)), hiRxno));
    }

    /** The prescription a pharmacy was handed by its trace code (the patient's QR code, 7201). */
    public Optional<PrescriptionRecord> byTraceCode(String rxTraceCode) {
        return first(jdbc.query("SELECT * FROM node_prescription WHERE rx_trace_code = ?", ROW, rxTraceCode));
    }

    /** 7206: the dispensed prescription is written off (once; the first time stands). */
    public OffsetDateTime writeOff(String hiRxno, OffsetDateTime at) {
        jdbc.update("UPDATE node_prescription SET written_off_at = ?, updated_at = ? WHERE hi_rxno = ? "
                + "AND written_off_at IS NULL", at, at, hiRxno);
        return writtenOffAt(hiRxno).orElseThrow();
    }

    public Optional<OffsetDateTime> writtenOffAt(String hiRxno) {
        return first(jdbc.query("SELECT written_off_at FROM node_prescription WHERE hi_rxno = ? "
                + "AND written_off_at IS NOT NULL", (rs, n) -> rs.getObject(1, OffsetDateTime.class), hiRxno));
    }

    /** The 7101 input as the hospital signed it. */
    public record Upload(String inputJson, String cainfo) {}

    public Optional<String> mdtrtId(String hiRxno) {
        return first(jdbc.queryForList("SELECT mdtrt_id FROM node_prescription WHERE hi_rxno = ? AND mdtrt_id IS NOT NULL",
                String.class, hiRxno));
    }

    public List<PrescribedDrug> drugs(String hiRxno) {
        return jdbc.query("SELECT * FROM node_prescription_drug WHERE hi_rxno = ? ORDER BY rx_seq",
                (rs, n) -> new PrescribedDrug(rs.getInt("rx_seq"), rs.getString("med_list_codg"),
                        rs.getBigDecimal("drug_cnt")), hiRxno);
    }

    /** One prescribed line (node_prescription_drug). */
    public record PrescribedDrug(int rxSeq, String medListCodg, java.math.BigDecimal drugCnt) {}

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
