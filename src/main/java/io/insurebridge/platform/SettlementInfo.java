package io.insurebridge.platform;

import static io.insurebridge.platform.JsonFields.decimal;
import static io.insurebridge.platform.JsonFields.text;

import java.math.BigDecimal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The setlinfo node of a 2206/2207 (or the reversal of a 2208) answer: the figures a HIS prints on the receipt.
 * {@code raw} keeps every field the platform sent, for whoever needs more than these.
 */
public record SettlementInfo(String setlId, String mdtrtId, String psnNo, String psnName, String insutype,
                             String setlTime, BigDecimal medfeeSumamt, BigDecimal fulamtOwnpayAmt,
                             BigDecimal overlmtSelfpay, BigDecimal preselfpayAmt, BigDecimal inscpScpAmt,
                             BigDecimal actPayDedc, BigDecimal hifpPay, BigDecimal poolPropSelfpay,
                             BigDecimal hifmiPay, BigDecimal mafPay, BigDecimal fundPaySumamt, BigDecimal psnPartAmt,
                             BigDecimal acctPay, BigDecimal psnCashPay, BigDecimal balc, String medinsSetlId,
                             ObjectNode raw) {

    public static SettlementInfo from(JsonNode setlinfo) {
        return new SettlementInfo(text(setlinfo, "setl_id"), text(setlinfo, "mdtrt_id"), text(setlinfo, "psn_no"),
                text(setlinfo, "psn_name"), text(setlinfo, "insutype"), text(setlinfo, "setl_time"),
                decimal(setlinfo, "medfee_sumamt"), decimal(setlinfo, "fulamt_ownpay_amt"),
                decimal(setlinfo, "overlmt_selfpay"), decimal(setlinfo, "preselfpay_amt"),
                decimal(setlinfo, "inscp_scp_amt"), decimal(setlinfo, "act_pay_dedc"), decimal(setlinfo, "hifp_pay"),
                decimal(setlinfo, "pool_prop_selfpay"), decimal(setlinfo, "hifmi_pay"), decimal(setlinfo, "maf_pay"),
                decimal(setlinfo, "fund_pay_sumamt"), decimal(setlinfo, "psn_part_amt"), decimal(setlinfo, "acct_pay"),
                decimal(setlinfo, "psn_cash_pay"), decimal(setlinfo, "balc"), text(setlinfo, "medins_setl_id"),
                setlinfo instanceof ObjectNode o ? o.deepCopy() : PlatformJson.object());
    }
}
