package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.state.BudgetUse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's transactions end to end on H2 + Flyway; expected amounts computed by hand (comments). */
class SettlementNodeFlowTest extends NodeTestSupport {
    static final String ZHANG_WEI = "33010000000000000001"; // 310, 330100, account 1000.00 (used only here)
    static final String CT_LOCAL = "JC3001";                  // H33010000001's code for 210300001000000 (CT, 02, 0.10)
    static final String AMLODIPINE = "XC08CAA148A001000000001";
    static final String CONSULTATION = "110200001000000";
    static final String INTERNET_CONSULTATION = "110200005000000";

    @Autowired
    BudgetUse budgets;

    @Test
    void fullOutpatientFlowSettlesCancelsAndSettlesAgain() {
        // 1101 by e-voucher token
        PlatformResponse info = ok("1101", HOSPITAL, data("mdtrt_cert_type", "01", "mdtrt_cert_no", "EV330100000001",
                "psn_cert_type", "01"));
        assertThat(info.output().get("baseinfo").get("psn_no").asText()).isEqualTo(ZHANG_WEI);
        assertThat(info.output().get("baseinfo").get("psn_name").asText()).isEqualTo("张伟");
        JsonNode insu = info.output().get("insuinfo").get(0);
        assertThat(insu.get("insutype").asText()).isEqualTo("310");
        assertThat(insu.get("insuplc_admdvs").asText()).isEqualTo("330100");
        assertThat(amount(insu, "balc")).isEqualByComparingTo("1000.00");
        assertThat(info.inf_refmsgid()).hasSize(30).startsWith("330100");
        assertThat(info.refmsg_time()).hasSize(17);
        // by ID card (02) and card (03 with psn_no) find the same person
        assertThat(ok("1101", HOSPITAL, data("mdtrt_cert_type", "02", "mdtrt_cert_no", "330102198001150117"))
                .output().get("baseinfo").get("psn_no").asText()).isEqualTo(ZHANG_WEI);
        assertThat(ok("1101", HOSPITAL, data("mdtrt_cert_type", "03", "mdtrt_cert_no", ZHANG_WEI))
                .output().get("baseinfo").get("psn_no").asText()).isEqualTo(ZHANG_WEI);

        String mdtrtId = register(ZHANG_WEI, HOSPITAL, false);
        assertThat(mdtrtId).startsWith("330100");
        describe(mdtrtId, ZHANG_WEI, "11", "J06.900x003"); // clinical edition -> J06.900

        // CT (local code) 1x180: pre 18, inscp 162; amlodipine 2x25.50 = 51; consultation 10
        PlatformResponse upload = ok("2204", HOSPITAL, fees(mdtrtId, ZHANG_WEI,
                CT_LOCAL + " 1 180.00", AMLODIPINE + " 2 25.50", CONSULTATION + " 1 10.00"));
        JsonNode ct = upload.output().get("result").get(0);
        assertThat(ct.get("feedetl_sn").asText()).isEqualTo("1");
        assertThat(amount(ct, "preselfpay_amt")).isEqualByComparingTo("18.00");
        assertThat(amount(ct, "inscp_scp_amt")).isEqualByComparingTo("162.00");
        assertThat(amount(ct, "pric_uplmt_amt")).isEqualByComparingTo("200.00");
        assertThat(ct.get("chrgitm_lv").asText()).isEqualTo("02");
        assertThat(ct.get("med_chrgitm_type").asText()).isEqualTo("02");

        // fresh year: inscp 223, dedc min(223, 200) = 200, hifp round(23 x 0.70) = 16.10, pool_prop 6.90
        // psn_part 241 - 16.10 = 224.90 from the account: balc 1000 - 224.90 = 775.10
        BigDecimal budgetBefore = budgets.fundPaid(HOSPITAL, thisYear());
        JsonNode pre = ok("2206", HOSPITAL, settleInput(mdtrtId, ZHANG_WEI, "1")).output().get("setlinfo");
        assertSetlinfo(pre, "241.00", "223.00", "200.00", "16.10", "16.10", "224.90", "224.90", "0.00", "775.10");
        assertThat(balance(ZHANG_WEI)).as("2206 changes nothing").isEqualByComparingTo("1000.00");
        assertThat(accumulators(ZHANG_WEI).outpatientDeductibleUsed()).isEqualByComparingTo("0");

        PlatformResponse settled = ok("2207", HOSPITAL, settleInput(mdtrtId, ZHANG_WEI, "1"));
        JsonNode setl = settled.output().get("setlinfo");
        assertSetlinfo(setl, "241.00", "223.00", "200.00", "16.10", "16.10", "224.90", "224.90", "0.00", "775.10");
        assertThat(amount(setl, "pool_prop_selfpay")).isEqualByComparingTo("6.90");
        assertThat(setl.get("setl_id").asText()).startsWith("S330100");
        assertThat(details(settled)).containsExactly("310100=16.10", "310200=224.90");
        assertThat(settled.output().get("setldetail").get(0).get("fund_pay_type_name").asText()).isNotBlank();
        assertThat(balance(ZHANG_WEI)).isEqualByComparingTo("775.10");
        var acc = accumulators(ZHANG_WEI);
        assertThat(acc.outpatientDeductibleUsed()).isEqualByComparingTo("200.00");
        assertThat(acc.outpatientPooledPaid()).isEqualByComparingTo("16.10");
        assertThat(acc.criticalIllnessBurden()).isEqualByComparingTo("206.90"); // 223 - 16.10
        assertThat(budgets.fundPaid(HOSPITAL, thisYear()).subtract(budgetBefore)).isEqualByComparingTo("16.10");
        // settled visit: a second 2207 (new msgid) is refused
        assertThat(call("2207", HOSPITAL, settleInput(mdtrtId, ZHANG_WEI, "1")).err_msg()).contains("is settled");
        // 1101 now shows the balance after the settlement
        assertThat(amount(ok("1101", HOSPITAL, data("mdtrt_cert_type", "02", "mdtrt_cert_no", "330102198001150117"))
                .output().get("insuinfo").get(0), "balc")).isEqualByComparingTo("775.10");

        // 2208: reversal with negated amounts, every accumulator back
        String setlId = setl.get("setl_id").asText();
        PlatformResponse cancelled = ok("2208", HOSPITAL, data("setl_id", setlId, "mdtrt_id", mdtrtId,
                "psn_no", ZHANG_WEI));
        JsonNode rev = cancelled.output().get("setlinfo");
        assertThat(amount(rev, "medfee_sumamt")).isEqualByComparingTo("-241.00");
        assertThat(amount(rev, "hifp_pay")).isEqualByComparingTo("-16.10");
        assertThat(amount(rev, "acct_pay")).isEqualByComparingTo("-224.90");
        assertThat(amount(rev, "balc")).isEqualByComparingTo("1000.00");
        assertThat(details(cancelled)).containsExactly("310100=-16.10", "310200=-224.90");
        assertThat(balance(ZHANG_WEI)).isEqualByComparingTo("1000.00");
        acc = accumulators(ZHANG_WEI);
        assertThat(List.of(acc.outpatientDeductibleUsed(), acc.outpatientPooledPaid(), acc.criticalIllnessBurden()))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0"));
        assertThat(budgets.fundPaid(HOSPITAL, thisYear())).isEqualByComparingTo(budgetBefore);
        // a second cancel (new msgid) is a clear error and restores nothing twice
        assertThat(call("2208", HOSPITAL, data("setl_id", setlId)).err_msg()).contains("already cancelled");
        assertThat(balance(ZHANG_WEI)).isEqualByComparingTo("1000.00");

        // settle again: same amounts as the first time
        JsonNode again = ok("2207", HOSPITAL, settleInput(mdtrtId, ZHANG_WEI, "1")).output().get("setlinfo");
        assertSetlinfo(again, "241.00", "223.00", "200.00", "16.10", "16.10", "224.90", "224.90", "0.00", "775.10");
        assertThat(again.get("setl_id").asText()).isNotEqualTo(setlId);
        assertThat(balance(ZHANG_WEI)).isEqualByComparingTo("775.10");
    }

    @Test
    void feeCancelAndRegistrationCancel() {
        String psn = DemoMappings.clone(ZHANG_WEI, 1);
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", AMLODIPINE + " 1 25.00");
        ObjectNode more = fees(mdtrtId, psn, CONSULTATION + " 1 10.00");
        ((ObjectNode) more.get("feedetail").get(0)).put("feedetl_sn", "9").put("chrg_bchno", "B2");
        ok("2204", HOSPITAL, more);
        // same feedetl_sn again: refused, nothing stored
        assertThat(call("2204", HOSPITAL, more).err_msg()).contains("Fee item 9 was already uploaded");
        ok("2205", HOSPITAL, data("mdtrt_id", mdtrtId, "chrg_bchno", "B2", "psn_no", psn));
        // only batch B1 (amlodipine 25.00) is left: 2206 total 25.00
        assertThat(amount(ok("2206", HOSPITAL, settleInput(mdtrtId, psn, "0")).output().get("setlinfo"),
                "medfee_sumamt")).isEqualByComparingTo("25.00");
        ok("2205", HOSPITAL, data("mdtrt_id", mdtrtId, "chrg_bchno", "0000", "psn_no", psn));
        assertThat(call("2206", HOSPITAL, settleInput(mdtrtId, psn, "0")).err_msg()).contains("No fee details");
        assertThat(call("2205", HOSPITAL, data("mdtrt_id", mdtrtId, "chrg_bchno", "0000")).err_msg())
                .contains("No unsettled fee details");
        ok("2202", HOSPITAL, data("mdtrt_id", mdtrtId, "psn_no", psn));
        assertThat(call("2204", HOSPITAL, fees(mdtrtId, psn, AMLODIPINE + " 1 25.00")).err_msg())
                .contains("cancelled");
    }

    @Test
    void gatesRefuseWithAClearMessage() {
        assertRefused(call("1101", HOSPITAL, data("mdtrt_cert_type", "01", "mdtrt_cert_no", "EV-NOBODY")),
                "No insured person found");
        assertRefused(call("2201", HOSPITAL, registration("33010000000000000008", DOCTOR)), // psn_insu_stas 4
                "not insured normally (psn_insu_stas=4)");
        assertRefused(call("2201", HOSPITAL, registration("33010000000000000006", DOCTOR)), // 赵磊
                "fraud suspension");
        assertRefused(call("2201", SUSPENDED_CLINIC, registration(DemoMappings.clone(ZHANG_WEI, 2), DOCTOR)),
                "no active designation agreement");
        ObjectNode internet = registration(DemoMappings.clone(ZHANG_WEI, 2), "D330100000003");
        ((ObjectNode) internet.get("data")).put("exp_content", "{\"inet_flag\":\"1\"}");
        assertRefused(call("2201", DISTRICT_HOSPITAL, internet), "no active Internet+ supplementary agreement");
        assertRefused(call("2201", HOSPITAL, registration(DemoMappings.clone(ZHANG_WEI, 2), "D330100000002")),
                "no agreement points left");
        assertRefused(call("2201", HOSPITAL, registration(DemoMappings.clone(ZHANG_WEI, 2), "D330100000099")),
                "not an insurance-agreement doctor");
        assertRefused(call("2201", HOSPITAL, registration(DemoMappings.clone(ZHANG_WEI, 2), "D330100000003")),
                "not an insurance-agreement doctor of institution " + HOSPITAL);

        // med_type 14 without a qualification for the diagnosis
        String psn = DemoMappings.clone(ZHANG_WEI, 2);
        String mdtrtId = register(psn, HOSPITAL, false);
        ObjectNode chronic = NodeJson.object();
        chronic.putObject("mdtrtinfo").put("mdtrt_id", mdtrtId).put("psn_no", psn).put("med_type", "14")
                .put("dise_codg", "I10.x00");
        assertRefused(call("2203", HOSPITAL, chronic), "no chronic/special disease qualification for diagnosis I10");
        // a line total off by more than 0.01 refuses the upload
        ObjectNode badLine = fees(mdtrtId, psn, AMLODIPINE + " 2 25.50");
        ((ObjectNode) badLine.get("feedetail").get(0)).put("det_item_fee_sumamt", new BigDecimal("51.02"));
        assertRefused(call("2204", HOSPITAL, badLine), "differs from unit price x quantity 51.00");
        assertRefused(call("2204", HOSPITAL, fees(mdtrtId, psn, "XX0000000000000000001 1 1.00")),
                "is not in the catalog");
        assertRefused(call("9999", HOSPITAL, data()), "not served");
    }

    @Test
    void chronicVisitWithQualificationPaysTheChronicLayer() {
        // 王芳 clone: 310, account 50.00, M03900:I10; chronic 310 level 3: deductible 0, ratio 0.85
        // amlodipine 4x25.50 = 102 -> hifp 86.70; psn_part 15.30 from the account; balc 34.70
        String psn = DemoMappings.clone("33010000000000000003", 1);
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "14", "I10.x00", AMLODIPINE + " 4 25.50");
        JsonNode s = ok("2207", HOSPITAL, settleInput(mdtrtId, psn, "1")).output().get("setlinfo");
        assertSetlinfo(s, "102.00", "102.00", "0.00", "86.70", "86.70", "15.30", "15.30", "0.00", "34.70");
        assertThat(accumulators(psn).chronicPooledPaid()).isEqualByComparingTo("86.70");
        assertThat(accumulators(psn).outpatientPooledPaid()).isEqualByComparingTo("0");
    }

    @Test
    void internetFollowUpPaysAndNonFollowUpWarnsWithFundsZero() {
        String psn = DemoMappings.clone("33010000000000000003", 2); // 王芳 clone: 310, account 50.00
        // offline visit for I10: amlodipine 4x25 = 100 all deductible (100 of 200), fund 0, cash 100
        String offline = visitWithFees(psn, HOSPITAL, false, "11", "I10.x00", AMLODIPINE + " 4 25.00");
        ok("2207", HOSPITAL, settleInput(offline, psn, "0"));
        assertThat(accumulators(psn).outpatientDeductibleUsed()).isEqualByComparingTo("100.00");

        // Internet+ visit for E11 (no offline visit with E11): settles with warning, funds 0, nothing accumulates
        String notFollowUp = visitWithFees(psn, HOSPITAL, true, "11", "E11.900",
                INTERNET_CONSULTATION + " 1 10.00", AMLODIPINE + " 4 25.00");
        PlatformResponse warned = ok("2207", HOSPITAL, settleInput(notFollowUp, psn, "0"));
        assertThat(warned.warn_msg()).contains("Not a follow-up");
        assertSetlinfo(warned.output().get("setlinfo"), "110.00", "110.00", "0.00", "0.00", "0.00", "110.00",
                "0.00", "110.00", "50.00");
        assertThat(warned.output().get("setldetail")).isEmpty();
        assertThat(accumulators(psn).outpatientDeductibleUsed()).isEqualByComparingTo("100.00");

        // Internet+ follow-up for I10 (shares "I10" with the offline visit): inscp 110, dedc min(110, 100) = 100,
        // hifp round(10 x 0.70) = 7.00, psn_part 103.00
        String followUp = visitWithFees(psn, HOSPITAL, true, "11", "I10.x00",
                INTERNET_CONSULTATION + " 1 10.00", AMLODIPINE + " 4 25.00");
        PlatformResponse paid = ok("2207", HOSPITAL, settleInput(followUp, psn, "0"));
        assertThat(paid.warn_msg()).isNull();
        assertSetlinfo(paid.output().get("setlinfo"), "110.00", "110.00", "100.00", "7.00", "7.00", "103.00",
                "0.00", "103.00", "50.00");
        assertThat(accumulators(psn).outpatientDeductibleUsed()).isEqualByComparingTo("200.00");
        assertThat(accumulators(psn).outpatientPooledPaid()).isEqualByComparingTo("7.00");
    }

    @Test
    void reversalOfALostSettlementCancelsItOnceAndRefusesALateArrival() {
        String psn = DemoMappings.clone("33010000000000000007", 1); // 孙丽 clone: 390, LOW_INCOME
        // CT 1x180 (inscp 162) + amlodipine 2x25 (50): inscp 212, hifp 106, maf round(106 x 0.70) = 74.20
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", CT_LOCAL + " 1 180.00",
                AMLODIPINE + " 2 25.00");
        String lostMsgid = newMsgid();
        PlatformResponse settled = node.handle(request("2207", lostMsgid, HOSPITAL, settleInput(mdtrtId, psn, "0")));
        assertSetlinfo(settled.output().get("setlinfo"), "230.00", "212.00", "0.00", "106.00", "180.20", "49.80",
                "0.00", "49.80", "0.00");
        assertThat(amount(settled.output().get("setlinfo"), "maf_pay")).isEqualByComparingTo("74.20");
        assertThat(accumulators(psn).assistancePaid()).isEqualByComparingTo("74.20");

        PlatformResponse reversed = ok("2601", HOSPITAL, data("psn_no", psn, "omsgid", lostMsgid, "oinfno", "2207"));
        assertThat(amount(reversed.output().get("setlinfo"), "maf_pay")).isEqualByComparingTo("-74.20");
        var acc = accumulators(psn);
        assertThat(List.of(acc.outpatientPooledPaid(), acc.assistancePaid(), acc.criticalIllnessBurden()))
                .allSatisfy(v -> assertThat(v).isEqualByComparingTo("0"));
        // again (new 2601 msgid): nothing more to reverse
        assertThat(ok("2601", HOSPITAL, data("psn_no", psn, "omsgid", lostMsgid, "oinfno", "2207")).warn_msg())
                .contains("already cancelled");
        assertThat(accumulators(psn).assistancePaid()).isEqualByComparingTo("0");

        // a 2207 that never arrived: recorded; when it arrives late it is refused and changes nothing
        String neverArrived = newMsgid();
        assertThat(ok("2601", HOSPITAL, data("psn_no", psn, "omsgid", neverArrived, "oinfno", "2207")).warn_msg())
                .contains("never arrived");
        PlatformResponse late = node.handle(request("2207", neverArrived, HOSPITAL, settleInput(mdtrtId, psn, "0")));
        assertRefused(late, "was reversed");
        assertThat(accumulators(psn).assistancePaid()).isEqualByComparingTo("0");
    }

    private ObjectNode registration(String psnNo, String doctor) {
        return data("psn_no", psnNo, "begntime", now(), "mdtrt_cert_type", "02", "atddr_no", doctor);
    }

    static void assertRefused(PlatformResponse r, String message) {
        assertThat(r.infcode()).isEqualTo(PlatformResponse.FAILURE);
        assertThat(r.err_msg()).contains(message);
    }

    static List<String> details(PlatformResponse r) {
        return java.util.stream.StreamSupport.stream(r.output().get("setldetail").spliterator(), false)
                .map(d -> d.get("fund_pay_type").asText() + "=" + d.get("fund_payamt").decimalValue().toPlainString())
                .toList();
    }

    /** Checks the core amounts and the three invariants. */
    static void assertSetlinfo(JsonNode s, String medfee, String inscp, String dedc, String hifp, String fund,
                               String psnPart, String acct, String cash, String balc) {
        assertThat(amount(s, "medfee_sumamt")).as("medfee_sumamt").isEqualByComparingTo(medfee);
        assertThat(amount(s, "inscp_scp_amt")).as("inscp_scp_amt").isEqualByComparingTo(inscp);
        assertThat(amount(s, "act_pay_dedc")).as("act_pay_dedc").isEqualByComparingTo(dedc);
        assertThat(amount(s, "hifp_pay")).as("hifp_pay").isEqualByComparingTo(hifp);
        assertThat(amount(s, "fund_pay_sumamt")).as("fund_pay_sumamt").isEqualByComparingTo(fund);
        assertThat(amount(s, "psn_part_amt")).as("psn_part_amt").isEqualByComparingTo(psnPart);
        assertThat(amount(s, "acct_pay")).as("acct_pay").isEqualByComparingTo(acct);
        assertThat(amount(s, "psn_cash_pay")).as("psn_cash_pay").isEqualByComparingTo(cash);
        assertThat(amount(s, "balc")).as("balc").isEqualByComparingTo(balc);
        BigDecimal funds = List.of("hifp_pay", "cvlserv_pay", "hifes_pay", "hifmi_pay", "hifob_pay", "maf_pay",
                "oth_pay").stream().map(f -> amount(s, f)).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(amount(s, "fund_pay_sumamt")).isEqualByComparingTo(funds);
        assertThat(amount(s, "psn_part_amt")).isEqualByComparingTo(amount(s, "medfee_sumamt")
                .subtract(amount(s, "fund_pay_sumamt")));
        assertThat(amount(s, "acct_pay").add(amount(s, "psn_cash_pay"))).isEqualByComparingTo(amount(s, "psn_part_amt"));
    }
}
