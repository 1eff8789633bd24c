package io.insurebridge.patient.payment;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** patient_payment_order; every state change is a conditional update (from -> to), so two actors never both win. */
public class PaymentOrders {
    private static final RowMapper<PaymentOrder> ROW = (rs, i) -> new PaymentOrder(rs.getString("order_id"),
            rs.getString("institution_code"), rs.getString("visit_no"), rs.getString("mdtrt_id"),
            rs.getString("psn_no"), rs.getString("visit_json"), rs.getBigDecimal("medfee_sumamt"),
            rs.getBigDecimal("fund_pay_sumamt"), rs.getBigDecimal("acct_pay"), rs.getBigDecimal("cash_pay"),
            PaymentStatus.valueOf(rs.getString("status")), rs.getString("settle_msgid"), rs.getString("setl_id"),
            rs.getString("reversal_msgid"), rs.getString("reason"),
            rs.getObject("created_at", OffsetDateTime.class), rs.getObject("expires_at", OffsetDateTime.class),
            rs.getObject("updated_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public PaymentOrders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PaymentOrder o) {
        jdbc.update("INSERT INTO patient_payment_order (order_id, institution_code, visit_no, mdtrt_id, psn_no, "
                        + "visit_json, medfee_sumamt, fund_pay_sumamt, acct_pay, cash_pay, status, created_at, expires_at, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                o.orderId(), o.institutionCode(), o.visitNo(), o.mdtrtId(), o.psnNo(), o.visitJson(), o.medfeeSumamt(),
                o.fundPaySumamt(), o.acctPay(), o.cashPay(), o.status().name(), o.createdAt(), o.expiresAt(),
                o.updatedAt());
    }

    public Optional<PaymentOrder> find(String orderId) {
        return jdbc.query("SELECT * FROM patient_payment_order WHERE order_id = ?", ROW, orderId).stream().findFirst();
    }

    public List<PaymentOrder> byVisit(String institution, String visitNo) {
        return jdbc.query("SELECT * FROM patient_payment_order WHERE institution_code = ? AND visit_no = ? "
                + "ORDER BY created_at DESC, order_id DESC", ROW, institution, visitNo);
    }

    public Optional<PaymentOrder> latest(String institution, String visitNo) {
        return byVisit(institution, visitNo).stream().findFirst();
    }

    public List<PaymentOrder> withStatus(PaymentStatus status) {
        return jdbc.query("SELECT * FROM patient_payment_order WHERE status = ? ORDER BY created_at", ROW,
                status.name());
    }

    /** Moves the order from one state to another; false when it was not in {@code from} any more. */
    public boolean transition(String orderId, PaymentStatus from, PaymentStatus to, String reason, OffsetDateTime at) {
        return jdbc.update("UPDATE patient_payment_order SET status = ?, reason = COALESCE(?, reason), updated_at = ? "
                + "WHERE order_id = ? AND status = ?", to.name(), reason, at, orderId, from.name()) == 1;
    }

    /** The fund part's settlement as the platform answered it (amounts are the committed ones). */
    public void settled(String orderId, String settleMsgid, String setlId, BigDecimal fund, BigDecimal acct,
                        BigDecimal cash, OffsetDateTime at) {
        jdbc.update("UPDATE patient_payment_order SET settle_msgid = ?, setl_id = ?, fund_pay_sumamt = ?, acct_pay = ?, "
                + "cash_pay = ?, updated_at = ? WHERE order_id = ?", settleMsgid, setlId, fund, acct, cash, at, orderId);
    }

    public void settleMsgid(String orderId, String settleMsgid) {
        jdbc.update("UPDATE patient_payment_order SET settle_msgid = ? WHERE order_id = ?", settleMsgid, orderId);
    }

    public void reversal(String orderId, String reversalMsgid) {
        jdbc.update("UPDATE patient_payment_order SET reversal_msgid = ? WHERE order_id = ?", reversalMsgid, orderId);
    }
}
