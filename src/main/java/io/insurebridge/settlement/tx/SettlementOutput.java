package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.policy.FundPayment;
import io.insurebridge.settlement.policy.Money;
import io.insurebridge.settlement.policy.VisitSettlement;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;

/** Writes setlinfo and setldetail[] (2206/2207, and negated for 2208/2601) with the platform's field names. */
public final class SettlementOutput {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private SettlementOutput() {}

    /** What setlinfo says besides the amounts. */
    public record Header(String mdtrtId, String setlId, InsuredPerson person, String medType, String mdtrtCertType,
                  OffsetDateTime setlTime, ZoneId zone, String medinsSetlId, String clrOptins) {}

    public static ObjectNode of(Header h, VisitSettlement s) {
        return build(h, s, UnaryOperator.identity());
    }

    /** The reversal answer: every amount negated, balc = balance after the account was given back. */
    public static ObjectNode reversal(Header h, VisitSettlement s, BigDecimal balanceAfter) {
        ObjectNode out = build(h, s, BigDecimal::negate);
        ((ObjectNode) out.get("setlinfo")).put("balc", Money.round(balanceAfter));
        return out;
    }

    private static ObjectNode build(Header h, VisitSettlement s, UnaryOperator<BigDecimal> sign) {
        ObjectNode info = NodeJson.object();
        InsuredPerson p = h.person();
        info.put("mdtrt_id", h.mdtrtId());
        info.put("setl_id", h.setlId());
        info.put("psn_no", p.psnNo());
        info.put("psn_name", p.name());
        info.put("psn_cert_type", "01");
        info.put("certno", p.certno());
        info.put("gend", p.gend());
        info.put("brdy", p.brdy().toString());
        LocalDate on = h.setlTime().atZoneSameInstant(h.zone()).toLocalDate();
        info.put("age", Period.between(p.brdy(), on).getYears());
        info.put("insutype", p.insutype());
        info.put("psn_type", PersonInfo.psnType(p));
        info.put("setl_time", TIME.format(h.setlTime().atZoneSameInstant(h.zone())));
        info.put("mdtrt_cert_type", h.mdtrtCertType());
        info.put("med_type", h.medType());
        money(info, "medfee_sumamt", sign.apply(s.medfeeSumamt()));
        money(info, "fulamt_ownpay_amt", sign.apply(s.fulamtOwnpayAmt()));
        money(info, "overlmt_selfpay", sign.apply(s.overlmtSelfpay()));
        money(info, "preselfpay_amt", sign.apply(s.preselfpayAmt()));
        money(info, "inscp_scp_amt", sign.apply(s.inscpScpAmt()));
        money(info, "act_pay_dedc", sign.apply(s.actPayDedc()));
        money(info, "hifp_pay", sign.apply(s.hifpPay()));
        money(info, "pool_prop_selfpay", sign.apply(s.poolPropSelfpay()));
        money(info, "cvlserv_pay", Money.ZERO);
        money(info, "hifes_pay", Money.ZERO);
        money(info, "hifmi_pay", sign.apply(s.hifmiPay()));
        money(info, "hifob_pay", Money.ZERO);
        money(info, "maf_pay", sign.apply(s.mafPay()));
        money(info, "oth_pay", Money.ZERO);
        money(info, "fund_pay_sumamt", sign.apply(s.fundPaySumamt()));
        money(info, "psn_part_amt", sign.apply(s.psnPartAmt()));
        money(info, "acct_pay", sign.apply(s.acctPay()));
        money(info, "psn_cash_pay", sign.apply(s.psnCashPay()));
        money(info, "hosp_part_amt", Money.ZERO);
        money(info, "balc", s.balc());
        money(info, "acct_mulaid_pay", Money.ZERO);
        info.put("medins_setl_id", h.medinsSetlId());
        info.put("clr_optins", h.clrOptins());
        info.put("clr_way", "1");
        // clr_type: 41 pharmacy purchase (med_type 41, settled with the pharmacy), else 11 outpatient
        info.put("clr_type", "41".equals(h.medType()) ? "41" : "11");
        ObjectNode out = NodeJson.object();
        out.set("setlinfo", info);
        ArrayNode details = out.putArray("setldetail");
        for (FundPayment f : s.details()) {
            ObjectNode row = details.addObject();
            row.put("fund_pay_type", f.fundPayType());
            money(row, "inscp_scp_amt", sign.apply(f.inscpScpAmt()));
            money(row, "fund_payamt", sign.apply(f.fundPayamt()));
            row.put("fund_pay_type_name", f.fundPayTypeName());
        }
        return out;
    }

    private static void money(ObjectNode node, String field, BigDecimal value) {
        node.put(field, Money.round(value));
    }
}
