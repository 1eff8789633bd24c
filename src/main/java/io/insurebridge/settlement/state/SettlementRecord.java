package io.insurebridge.settlement.state;

import io.insurebridge.settlement.policy.AccumulatorDelta;
import io.insurebridge.settlement.policy.BenefitGroup;
import io.insurebridge.settlement.policy.PolicyEngine;
import io.insurebridge.settlement.policy.VisitSettlement;

import java.time.OffsetDateTime;

/** A stored settlement (node_settlement): the computed amounts and the deltas it applied. */
public record SettlementRecord(String setlId, String msgid, String mdtrtId, String psnNo, String insutype,
                               String medType, BenefitGroup group, int year, String fixmedinsCode,
                               String mdtrtCertType, VisitSettlement amounts, String status, OffsetDateTime setlTime) {
    public static final String SETTLED = "SETTLED";
    public static final String CANCELLED = "CANCELLED";

    public AccumulatorDelta delta() {
        return amounts.delta();
    }

    /** Rebuilds the amounts (and their setldetail rows) from stored columns. */
    static VisitSettlement amounts(String insutype, java.sql.ResultSet rs) throws java.sql.SQLException {
        var inscp = rs.getBigDecimal("inscp_scp_amt");
        var hifp = rs.getBigDecimal("hifp_pay");
        var hifmi = rs.getBigDecimal("hifmi_pay");
        var maf = rs.getBigDecimal("maf_pay");
        var acct = rs.getBigDecimal("acct_pay");
        return new VisitSettlement(rs.getBigDecimal("medfee_sumamt"), rs.getBigDecimal("fulamt_ownpay_amt"),
                rs.getBigDecimal("overlmt_selfpay"), rs.getBigDecimal("preselfpay_amt"), inscp,
                rs.getBigDecimal("act_pay_dedc"), hifp, rs.getBigDecimal("pool_prop_selfpay"), hifmi, maf,
                rs.getBigDecimal("fund_pay_sumamt"), rs.getBigDecimal("psn_part_amt"), acct,
                rs.getBigDecimal("psn_cash_pay"), rs.getBigDecimal("balc"),
                PolicyEngine.fundPayments(insutype, inscp, hifp, hifmi, maf, acct),
                new AccumulatorDelta(rs.getBigDecimal("d_dedc"), rs.getBigDecimal("d_pool"),
                        rs.getBigDecimal("d_ci_burden"), rs.getBigDecimal("d_maf"), rs.getBigDecimal("d_acct")),
                rs.getString("warn_msg"));
    }
}
