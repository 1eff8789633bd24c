package io.insurebridge.settlement.state;

import io.insurebridge.settlement.policy.BenefitGroup;
import io.insurebridge.settlement.policy.VisitSettlement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Optional;

@Repository
public class Settlements {
    private static final RowMapper<SettlementRecord> ROW = (rs, i) -> new SettlementRecord(rs.getString("setl_id"),
            rs.getString("msgid"), rs.getString("mdtrt_id"), rs.getString("psn_no"), rs.getString("insutype"),
            rs.getString("med_type"), BenefitGroup.valueOf(rs.getString("benefit_group")), rs.getInt("acc_year"),
            rs.getString("fixmedins_code"), rs.getString("mdtrt_cert_type"),
            SettlementRecord.amounts(rs.getString("insutype"), rs), rs.getString("status"),
            rs.getObject("setl_time", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public Settlements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(SettlementRecord s) {
        VisitSettlement a = s.amounts();
        jdbc.update("INSERT INTO node_settlement (setl_id, msgid, mdtrt_id, psn_no, insutype, med_type, benefit_group, "
                        + "acc_year, fixmedins_code, mdtrt_cert_type, medfee_sumamt, fulamt_ownpay_amt, "
                        + "overlmt_selfpay, preselfpay_amt, inscp_scp_amt, act_pay_dedc, hifp_pay, pool_prop_selfpay, "
                        + "hifmi_pay, maf_pay, fund_pay_sumamt, psn_part_amt, acct_pay, psn_cash_pay, balc, d_dedc, "
                        + "d_pool, d_ci_burden, d_maf, d_acct, warn_msg, status, setl_time) VALUES (?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s.setlId(), s.msgid(), s.mdtrtId(), s.psnNo(), s.insutype(), s.medType(), s.group().name(), s.year(),
                s.fixmedinsCode(), s.mdtrtCertType(), a.medfeeSumamt(), a.fulamtOwnpayAmt(), a.overlmtSelfpay(),
                a.preselfpayAmt(), a.inscpScpAmt(), a.actPayDedc(), a.hifpPay(), a.poolPropSelfpay(), a.hifmiPay(),
                a.mafPay(), a.fundPaySumamt(), a.psnPartAmt(), a.acctPay(), a.psnCashPay(), a.balc(),
                a.delta().deductible(), a.delta().pooled(), a.delta().criticalIllnessBurden(),
                a.delta().assistance(), a.delta().account(), a.warning(), s.status(), s.setlTime());
    }

    public Optional<SettlementRecord> find(String setlId) {
        return jdbc.query("SELECT * FROM node_settlement WHERE setl_id = ?", ROW, setlId).stream().findFirst();
    }

    public Optional<SettlementRecord> findByMsgid(String msgid) {
        return jdbc.query("SELECT * FROM node_settlement WHERE msgid = ?", ROW, msgid).stream().findFirst();
    }

    /** Marks it cancelled only if it still is settled; false when someone cancelled it first. */
    public boolean cancel(String setlId, String cancelSetlId, String cancelMsgid, OffsetDateTime at) {
        return jdbc.update("UPDATE node_settlement SET status = 'CANCELLED', cancel_setl_id = ?, cancel_msgid = ?, "
                + "cancelled_at = ? WHERE setl_id = ? AND status = 'SETTLED'", cancelSetlId, cancelMsgid, at,
                setlId) == 1;
    }

    public int countSettled(String psnNo) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, psnNo);
        return n == null ? 0 : n;
    }
}
