package io.insurebridge.platform;

import static io.insurebridge.platform.DemoWorld.ZHANG_WEI_PSN_NO;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;

/** Inputs built from a demo-world visit, compared as wire JSON so names, types and number scales are all checked. */
class TransactionInputsTest {

    private static final String MDTRT_ID = "3301000000000001";
    private final Visit visit = DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE);

    @Test
    void personInfo1101CarriesTheIdentityTheHisGave() {
        assertThat(PlatformJson.write(TransactionInputs.personInfo1101(visit))).isEqualTo("""
                {"data":{"mdtrt_cert_type":"02","mdtrt_cert_no":"330102198001150117","card_sn":"",\
                "begntime":"2026-03-02 09:15:00","psn_cert_type":"01","certno":"330102198001150117",\
                "psn_name":"张伟"}}""");
    }

    @Test
    void personInfo1101ByEVoucherLeavesTheIdNumberEmpty() {
        Visit byToken = DemoWorld.visit(DemoWorld.HOSPITAL, "MZ002",
                new PersonIdentity("01", "EV330100000001", null, null, null, null), false, SettleMode.SETTLE);
        JsonNode data = TransactionInputs.personInfo1101(byToken).path("data");
        assertThat(data.path("mdtrt_cert_type").asText()).isEqualTo("01");
        assertThat(data.path("mdtrt_cert_no").asText()).isEqualTo("EV330100000001");
        assertThat(data.path("psn_cert_type").asText()).isEmpty();
        assertThat(data.path("certno").asText()).isEmpty();
    }

    @Test
    void registration2201OfflineHasNoExpContent() {
        assertThat(PlatformJson.write(TransactionInputs.registration2201(visit, ZHANG_WEI_PSN_NO, "310"))).isEqualTo("""
                {"data":{"psn_no":"33010000000000000001","insutype":"310","begntime":"2026-03-02 09:15:00",\
                "mdtrt_cert_type":"02","mdtrt_cert_no":"330102198001150117","ipt_otp_no":"MZ001",\
                "atddr_no":"D330100000001","dr_name":"Dr. Demo Wang","dept_code":"A03",\
                "dept_name":"心血管内科门诊","caty":"A03"}}""");
    }

    @Test
    void registration2201MarksAnInternetVisitInExpContentAsAJsonString() {
        Visit internet = DemoWorld.visit(DemoWorld.HOSPITAL, "NET001", visit.person(), true, SettleMode.SETTLE);
        JsonNode data = TransactionInputs.registration2201(internet, ZHANG_WEI_PSN_NO, "310").path("data");
        assertThat(data.path("exp_content").isTextual()).isTrue();
        assertThat(data.path("exp_content").asText()).isEqualTo("{\"inet_flag\":\"1\"}");
        assertThat(data.path("atddr_no").asText()).isEqualTo("D330100000001");
    }

    @Test
    void visitInfo2203HasTheMainDiagnosisAndEveryDiagnosis() {
        ObjectNode input = TransactionInputs.visitInfo2203(visit, ZHANG_WEI_PSN_NO, MDTRT_ID);
        assertThat(PlatformJson.write(input.path("mdtrtinfo"))).isEqualTo("""
                {"mdtrt_id":"3301000000000001","psn_no":"33010000000000000001","med_type":"11",\
                "begntime":"2026-03-02 09:15:00","main_cond_dscr":"","dise_codg":"I10.x00",\
                "dise_name":"Essential hypertension"}""");
        assertThat(input.path("diseinfo")).hasSize(2);
        assertThat(PlatformJson.write(input.path("diseinfo").get(1))).isEqualTo("""
                {"diag_type":"1","diag_srt_no":2,"diag_code":"E11.900",\
                "diag_name":"Type 2 diabetes without complications","diag_dept":"心血管内科门诊",\
                "dise_dor_no":"D330100000001","dise_dor_name":"Dr. Demo Wang","diag_time":"2026-03-02 09:15:00",\
                "vali_flag":"1"}""");
    }

    @Test
    void feeDetail2204HasEveryFieldWithPlatformNumberScales() {
        JsonNode feedetail = TransactionInputs.feeDetail2204(visit, ZHANG_WEI_PSN_NO, MDTRT_ID, "CBMZ001")
                .path("feedetail");
        assertThat(feedetail).hasSize(3);
        assertThat(PlatformJson.write(feedetail.get(1))).isEqualTo("""
                {"feedetl_sn":"MZ001-2","mdtrt_id":"3301000000000001","psn_no":"33010000000000000001",\
                "chrg_bchno":"CBMZ001","dise_codg":"I10.x00","rxno":"RX0001","rx_circ_flag":"0",\
                "fee_ocur_time":"2026-03-02 09:35:00","med_list_codg":"XJ01CRA089A001000000003",\
                "medins_list_codg":"YP0003","det_item_fee_sumamt":57.19,"cnt":1.5,"pric":38.123456,\
                "sin_dos_dscr":"1 tab","used_frqu_dscr":"bid","prd_days":7,"medc_way_dscr":"po",\
                "bilg_dept_codg":"A03","bilg_dept_name":"心血管内科门诊","bilg_dr_codg":"D330100000001",\
                "bilg_dr_name":"Dr. Demo Wang","hosp_appr_flag":"0"}""");
        // whole quantities without decimals, prices with at least 2, amounts with exactly 2
        assertThat(PlatformJson.write(feedetail.get(0))).contains("\"det_item_fee_sumamt\":51.00,\"cnt\":2,\"pric\":25.50,");
        // the line's own department and doctor win over the visit's; unknown values are empty strings
        JsonNode consultation = feedetail.get(2);
        assertThat(consultation.path("bilg_dept_codg").asText()).isEqualTo("0301");
        assertThat(consultation.path("bilg_dept_name").asText()).isEqualTo("心内科");
        assertThat(consultation.path("med_list_codg").asText()).isEqualTo("110200001000000");
        assertThat(consultation.path("rxno").asText()).isEmpty();
        assertThat(consultation.path("prd_days").asText()).isEmpty();
    }

    @Test
    void settlement2207AddsInvoiceAndTheSumsOfThe2204Answer() {
        List<FeeResult> answered = List.of(
                fee("MZ001-1", "51.00", "0.00", "0.00", "0.00", "51.00"),
                fee("MZ001-2", "57.19", "0.00", "0.00", "5.72", "51.47"),
                fee("MZ001-3", "10.00", "0.00", "0.00", "0.00", "10.00"),
                fee("MZ001-4", "12.00", "12.00", "1.10", "0.00", "0.00"));
        FeeTotals totals = FeeTotals.of(answered);

        ObjectNode input = TransactionInputs.settlement2207(visit, ZHANG_WEI_PSN_NO, MDTRT_ID, "310", "CBMZ001", "01",
                totals);

        assertThat(PlatformJson.write(input)).isEqualTo("""
                {"data":{"psn_no":"33010000000000000001","mdtrt_cert_type":"02",\
                "mdtrt_cert_no":"330102198001150117","med_type":"11","medfee_sumamt":130.19,"psn_setlway":"01",\
                "mdtrt_id":"3301000000000001","chrg_bchno":"CBMZ001","insutype":"310","acct_used_flag":"1",\
                "invono":"INVMZ001","fulamt_ownpay_amt":12.00,"overlmt_selfpay":1.10,"preselfpay_amt":5.72,\
                "inscp_scp_amt":112.47}}""");
        JsonNode preSettle = TransactionInputs.preSettlement2206(visit, ZHANG_WEI_PSN_NO, MDTRT_ID, "310", "CBMZ001",
                "01", totals).path("data");
        assertThat(preSettle.has("invono")).isFalse();
        assertThat(preSettle.path("medfee_sumamt").decimalValue()).isEqualByComparingTo("130.19");
    }

    @Test
    void cancelAndReversalInputs() {
        assertThat(PlatformJson.write(TransactionInputs.cancelSettlement2208("S1", MDTRT_ID, ZHANG_WEI_PSN_NO)))
                .isEqualTo("{\"data\":{\"setl_id\":\"S1\",\"mdtrt_id\":\"3301000000000001\",\"psn_no\":\"33010000000000000001\"}}");
        assertThat(PlatformJson.write(TransactionInputs.cancelFees2205(MDTRT_ID, "0000", ZHANG_WEI_PSN_NO)))
                .isEqualTo("{\"data\":{\"mdtrt_id\":\"3301000000000001\",\"chrg_bchno\":\"0000\",\"psn_no\":\"33010000000000000001\"}}");
        assertThat(PlatformJson.write(TransactionInputs.cancelRegistration2202(ZHANG_WEI_PSN_NO, MDTRT_ID, "MZ001")))
                .isEqualTo("{\"data\":{\"psn_no\":\"33010000000000000001\",\"mdtrt_id\":\"3301000000000001\",\"ipt_otp_no\":\"MZ001\"}}");
        assertThat(PlatformJson.write(TransactionInputs.reversal2601(ZHANG_WEI_PSN_NO, "H33010000001202603020915000001", "2207")))
                .isEqualTo("{\"data\":{\"psn_no\":\"33010000000000000001\",\"omsgid\":\"H33010000001202603020915000001\",\"oinfno\":\"2207\"}}");
    }

    @Test
    void numberFormats() {
        assertThat(PlatformFormats.amount(new BigDecimal("10")).toString()).isEqualTo("10.00");
        assertThat(PlatformFormats.amount(new BigDecimal("0.125")).toString()).isEqualTo("0.13");
        assertThat(PlatformFormats.price(new BigDecimal("100")).toString()).isEqualTo("100.00");
        assertThat(PlatformFormats.price(new BigDecimal("1.12345678")).toString()).isEqualTo("1.123457");
        assertThat(PlatformFormats.quantity(new BigDecimal("10.00")).toString()).isEqualTo("10");
        assertThat(PlatformFormats.quantity(new BigDecimal("0.33333")).toString()).isEqualTo("0.3333");
    }

    private static FeeResult fee(String sn, String sum, String fulamt, String overlmt, String preself, String inscp) {
        return new FeeResult(sn, new BigDecimal(sum), BigDecimal.ONE, new BigDecimal(sum), null, null,
                new BigDecimal(fulamt), new BigDecimal(overlmt), new BigDecimal(preself), new BigDecimal(inscp), "01",
                "09", null);
    }
}
