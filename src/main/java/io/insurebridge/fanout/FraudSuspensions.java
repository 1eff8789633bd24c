package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Anti-fraud: persons whose direct settlement is suspended, and the audit of every decision. */
@Repository
public class FraudSuspensions {
    public static final String SUSPEND = "SUSPEND";
    public static final String RESTORE = "RESTORE";

    private final JdbcTemplate jdbc;

    public FraudSuspensions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Decision> current(String psnNo) {
        return jdbc.query("SELECT psn_no, reason, operator, changed_at FROM fanout_person_suspension WHERE psn_no = ?",
                (rs, i) -> new Decision(rs.getString(1), SUSPEND, rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)), psnNo).stream().findFirst();
    }

    /** Records the decision and its audit row in one transaction. */
    @Transactional
    public Decision decide(String psnNo, String decision, String reason, String operator) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("DELETE FROM fanout_person_suspension WHERE psn_no = ?", psnNo);
        if (SUSPEND.equals(decision)) {
            jdbc.update("INSERT INTO fanout_person_suspension (psn_no, reason, operator, changed_at) VALUES (?, ?, ?, ?)",
                    psnNo, reason, operator, now);
        }
        jdbc.update("INSERT INTO fanout_fraud_audit (psn_no, decision, reason, operator, decided_at) "
                + "VALUES (?, ?, ?, ?, ?)", psnNo, decision, reason, operator, now);
        return new Decision(psnNo, decision, reason, operator, now);
    }

    /** The audit, newest first; one person's when psnNo is given. */
    public List<Decision> audit(String psnNo) {
        String where = psnNo == null ? "" : " WHERE psn_no = ?";
        Object[] args = psnNo == null ? new Object[0] : new Object[]{psnNo};
        return jdbc.query("SELECT psn_no, decision, reason, operator, decided_at FROM fanout_fraud_audit" + where
                        + " ORDER BY id DESC", (rs, i) -> new Decision(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)), args);
    }

    public record Decision(String psn_no, String decision, String reason, String operator, OffsetDateTime at) {}
}
