package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.policy.AccumulatorDelta;
import io.insurebridge.settlement.policy.FundPayment;
import io.insurebridge.settlement.policy.Money;
import io.insurebridge.settlement.policy.VisitSettlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Reads the amounts of a setlinfo / setldetail[] answer back (the care side records the settlement too). */
final class SettlementJson {
    private SettlementJson() {}

    static VisitSettlement amounts(JsonNode output) {
        JsonNode s = output.path("setlinfo");
        List<FundPayment> funds = new ArrayList<>();
        for (JsonNode row : output.path("setldetail")) {
            funds.add(new FundPayment(NodeCall.text(row, "fund_pay_type"), NodeCall.text(row, "fund_pay_type_name"),
                    money(row, "inscp_scp_amt"), money(row, "fund_payamt")));
        }
        return new VisitSettlement(money(s, "medfee_sumamt"), money(s, "fulamt_ownpay_amt"),
                money(s, "overlmt_selfpay"), money(s, "preselfpay_amt"), money(s, "inscp_scp_amt"),
                money(s, "act_pay_dedc"), money(s, "hifp_pay"), money(s, "pool_prop_selfpay"), money(s, "hifmi_pay"),
                money(s, "maf_pay"), money(s, "fund_pay_sumamt"), money(s, "psn_part_amt"), money(s, "acct_pay"),
                money(s, "psn_cash_pay"), money(s, "balc"), List.copyOf(funds), AccumulatorDelta.NONE, null);
    }

    private static BigDecimal money(JsonNode node, String field) {
        BigDecimal v = NodeCall.decimal(node, field);
        return v == null ? Money.ZERO : Money.round(v);
    }
}
