package io.insurebridge.patient.bill;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** patient_bill: one blue bill per settlement, one red-letter bill per cancelled settlement. */
@Repository
public class BillStore {
    private static final RowMapper<StoredBill> ROW = (rs, i) -> new StoredBill(rs.getString("bill_no"),
            rs.getString("kind"), rs.getString("setl_id"), rs.getString("original_bill_no"), rs.getString("status"),
            rs.getString("fixmedins_code"), rs.getString("psn_no"), rs.getString("mdtrt_id"),
            rs.getString("verification_code"), rs.getString("bill_json"));

    private final JdbcTemplate jdbc;

    public BillStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(StoredBill b, OffsetDateTime at) {
        jdbc.update("INSERT INTO patient_bill (bill_no, kind, setl_id, original_bill_no, status, fixmedins_code, "
                        + "psn_no, mdtrt_id, verification_code, bill_json, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                b.billNo(), b.kind(), b.setlId(), b.originalBillNo(), b.status(), b.fixmedinsCode(), b.psnNo(),
                b.mdtrtId(), b.verificationCode(), b.json(), at);
    }

    public Optional<StoredBill> find(String billNo) {
        return jdbc.query("SELECT * FROM patient_bill WHERE bill_no = ?", ROW, billNo).stream().findFirst();
    }

    public Optional<StoredBill> blueOf(String setlId) {
        return jdbc.query("SELECT * FROM patient_bill WHERE setl_id = ? AND kind = 'BLUE'", ROW, setlId).stream()
                .findFirst();
    }

    public List<StoredBill> bySettlement(String setlId) {
        return jdbc.query("SELECT * FROM patient_bill WHERE setl_id = ? ORDER BY issued_at, bill_no", ROW, setlId);
    }

    public List<StoredBill> byVisit(String mdtrtId) {
        return jdbc.query("SELECT * FROM patient_bill WHERE mdtrt_id = ? ORDER BY issued_at, bill_no", ROW, mdtrtId);
    }

    public void voidBlue(String billNo, String json) {
        jdbc.update("UPDATE patient_bill SET status = 'VOIDED', bill_json = ? WHERE bill_no = ?", json, billNo);
    }

    public record StoredBill(String billNo, String kind, String setlId, String originalBillNo, String status,
                             String fixmedinsCode, String psnNo, String mdtrtId, String verificationCode,
                             String json) {}
}
