package io.insurebridge.patient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.patient.voucher.VoucherConfiguration;
import io.insurebridge.patient.voucher.VoucherIssuer;
import io.insurebridge.patient.voucher.VoucherProperties;
import io.insurebridge.patient.voucher.VoucherPurpose;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.NodeTestSupport;
import io.insurebridge.settlement.SettlementNode;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;

import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient side on the whole application (real MLLP socket, queues, node, database, HTTP): e-voucher tokens
 * checked by the node (forged, expired, replayed, wrong purpose refused, valid accepted once per purpose), the
 * electronic bill of a settlement (figures, PDF with Chinese text, red-letter bill after cancel) and mobile
 * payment of an Internet+ visit (paid, abandoned, cash failure after the fund part reversed, refund); identity
 * checks (ZID) required for Internet+ registrations by this context's policy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.patient.identity.require-face-check=true",
        "insurebridge.patient.identity.require-doctor-check=true"})
class PatientSideEndToEndTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final String HOSPITAL_NAME = "东城第一人民医院";
    static final String AMLODIPINE_NAME = "苯磺酸氨氯地平片";
    static final String ZHANG_WEI = "33010000000000000001";
    static final String LI_NA = "33010000000000000002";
    static final String WANG_FANG = "33010000000000000003";
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        Path base = AppTestSupport.register(registry, "patient", MLLP_PORT);
        // Chinese names in this application's copy of the mappings, for the bill's PDF
        replace(base.resolve("mappings/institutions.csv"), "Demo East First People's Hospital", HOSPITAL_NAME);
        replace(base.resolve("mappings/catalog.csv"), "Amlodipine besylate tablets 5mg x28", AMLODIPINE_NAME);
    }

    static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    @Autowired TestRestTemplate http;
    @Autowired JdbcTemplate jdbc;
    @Autowired SettlementNode node;
    @Autowired VoucherConfiguration.VoucherKeys voucherKeys;
    @Autowired VoucherProperties voucherProperties;

    // ------------------------------------------------------------------ HL7 messages

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static String pid(String certno, String name) {
        return "PID|1||" + certno + "^^^^ID||" + name + "||19800115|M";
    }

    static String pv1(String visitNo) {
        return "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo;
    }

    /** ZIN: cert type, cert no, mode, acct flag, med type, internet flag (ZIN-12). */
    static String zin(String certType, String certNo, String mode, boolean internet) {
        return "ZIN|" + certType + "|" + certNo + "||" + mode + "|0|11||||||" + (internet ? "1" : "");
    }

    static String register(String controlId, String certno, String name, String visitNo, String zin) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000", pid(certno, name),
                pv1(visitNo), zin) + "\r";
    }

    /** The two identity checks an Internet+ registration must attest in this context. */
    static final String CHECKS = "ZID|FACE|PASS|0.97|20261130095900|FACE-KIOSK-01\r"
            + "ZID|DOCTOR_FACE_POSITION|PASS|0.95|20261130095930|DR-APP|30.2741,120.1551\r";

    static String charges(String controlId, String certno, String name, String visitNo, String zin, boolean internet) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000", pid(certno, name),
                pv1(visitNo), "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                internet ? "FT1|1|||20261130101000||CG|ZL1002^互联网复诊|||1|10.00|10.00"
                        : "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "FT1|3|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00",
                internet ? "FT1|4|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00"
                        : "FT1|4|||20261130101000||CG|JC3001^CT|||1|220.00|220.00", zin) + "\r";
    }

    static String send(MllpClient client, String message) throws Exception {
        return client.send(message, StandardCharsets.UTF_8);
    }

    static MllpClient his() throws Exception {
        return new MllpClient("127.0.0.1", MLLP_PORT, 60_000);
    }

    // ------------------------------------------------------------------ e-voucher

    String issue(String psnNo, String purpose) throws Exception {
        ResponseEntity<String> issued = TestAuth.as(TestAuth.OPERATOR, http).postForEntity("/api/patient/vouchers",
                Map.of("psn_no", psnNo, "purpose", purpose, "validity_minutes", 5), String.class);
        assertThat(issued.getStatusCode().value()).as(issued.getBody()).isEqualTo(201);
        JsonNode body = JSON.readTree(issued.getBody());
        assertThat(body.path("mdtrt_cert_type").asText()).isEqualTo("01");
        assertThat(body.path("psn_no").asText()).isEqualTo(psnNo);
        return body.path("mdtrt_cert_no").asText();
    }

    PlatformResponse eligibility(String msgid, String token) {
        return node.handle(NodeTestSupport.request("1101", msgid, "H33010000001",
                NodeTestSupport.data("mdtrt_cert_type", "01", "mdtrt_cert_no", token)));
    }

    @Test
    void forgedExpiredReplayedAndMisusedVouchersAreRefusedAValidOneAcceptedOncePerPurpose() throws Exception {
        String token = issue(LI_NA, "ELIGIBILITY");
        assertThat(token).startsWith("EV1.");

        // valid: 1101 finds the person the token is bound to
        String firstMsgid = NodeTestSupport.newMsgid();
        PlatformResponse accepted = eligibility(firstMsgid, token);
        assertThat(accepted.infcode()).as(accepted.err_msg()).isZero();
        assertThat(accepted.output().path("baseinfo").path("psn_no").asText()).isEqualTo(LI_NA);
        // the same msgid again (lost answer) gets the same answer, it is no replay
        assertThat(eligibility(firstMsgid, token).infcode()).isZero();
        // replayed with another message: refused, naming the first use
        PlatformResponse replayed = eligibility(NodeTestSupport.newMsgid(), token);
        assertThat(replayed.infcode()).isEqualTo(-1);
        assertThat(replayed.err_msg()).startsWith("E-voucher refused").contains("already used").contains(firstMsgid);

        // forged: claims altered (another person), signature kept
        String[] parts = issue(LI_NA, "ELIGIBILITY").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(LI_NA, ZHANG_WEI);
        String altered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        PlatformResponse forged = eligibility(NodeTestSupport.newMsgid(), altered);
        assertThat(forged.infcode()).isEqualTo(-1);
        assertThat(forged.err_msg()).contains("signature does not match");
        // forged: signed by a key the node does not trust
        var stranger = new io.insurebridge.circulation.SigningKeys(
                new io.insurebridge.circulation.SigningProperties(null, null, null),
                Files.createTempDirectory("stranger-key"));
        String foreign = new VoucherIssuer(stranger, "330100", voucherProperties, Clock.systemUTC())
                .issue(LI_NA, VoucherPurpose.ELIGIBILITY, 5).token();
        assertThat(eligibility(NodeTestSupport.newMsgid(), foreign).err_msg()).contains("unknown key");
        // forged: in the signed format but not a token
        assertThat(eligibility(NodeTestSupport.newMsgid(), "EV1.bm90.YQ").err_msg())
                .isEqualTo("E-voucher refused: the token is malformed (forged or damaged)");
        // not in the signed format: with accept-registry-tokens a registry token or nobody
        assertThat(eligibility(NodeTestSupport.newMsgid(), "EV-NOT-A-TOKEN").err_msg())
                .contains("No insured person found");

        // expired: issued by the node's own key 10 minutes ago, valid for 5
        String expired = new VoucherIssuer(voucherKeys.keys(), "330100", voucherProperties,
                Clock.fixed(Instant.now().minusSeconds(600), ZoneOffset.UTC))
                .issue(LI_NA, VoucherPurpose.ELIGIBILITY, 5).token();
        PlatformResponse tooLate = eligibility(NodeTestSupport.newMsgid(), expired);
        assertThat(tooLate.infcode()).isEqualTo(-1);
        assertThat(tooLate.err_msg()).contains("expired");

        // wrong purpose: a settlement token does not open 1101
        assertThat(eligibility(NodeTestSupport.newMsgid(), issue(LI_NA, "SETTLEMENT")).err_msg())
                .contains("issued for SETTLEMENT");
        // the static demo token of persons.csv still works (accept-registry-tokens)
        assertThat(eligibility(NodeTestSupport.newMsgid(), "EV330100000002").infcode()).isZero();

        // through the HIS: registration by e-voucher, pre-settlement and settlement with a settlement token;
        // a second settlement with the same token is refused in the ACK
        try (MllpClient his = his()) {
            String forgedAck = send(his, register("EV-A04-0", "330102199211030222", "李娜", "V-EV-1",
                    zin("01", altered, "", false)));
            assertThat(field(forgedAck, "MSA", 1)).isEqualTo("AE");
            assertThat(field(forgedAck, "MSA", 3)).contains("E-voucher refused").contains("signature");

            String registered = send(his, register("EV-A04-1", "330102199211030222", "李娜", "V-EV-1",
                    zin("01", issue(LI_NA, "ELIGIBILITY"), "", false)));
            assertThat(field(registered, "MSA", 1)).as(registered).isEqualTo("AA");
            String pay = issue(LI_NA, "SETTLEMENT");
            String pre = send(his, charges("EV-P03-1", "330102199211030222", "李娜", "V-EV-1",
                    zin("01", pay, "PRE", false), false));
            assertThat(field(pre, "MSA", 1)).as(pre).isEqualTo("AA");
            String settled = send(his, charges("EV-P03-2", "330102199211030222", "李娜", "V-EV-1",
                    zin("01", pay, "SETTLE", false), false));
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            String setlId = field(settled, "ZST", 1);
            String cancelled = send(his, charges("EV-P03-3", "330102199211030222", "李娜", "V-EV-1",
                    "ZIN|01|" + pay + "||CANCEL|0|11||" + field(settled, "ZST", 2) + "|" + setlId, false));
            assertThat(field(cancelled, "MSA", 1)).as(cancelled).isEqualTo("AA");
            String again = send(his, charges("EV-P03-4", "330102199211030222", "李娜", "V-EV-1",
                    zin("01", pay, "SETTLE", false), false));
            assertThat(field(again, "MSA", 1)).isEqualTo("AE");
            assertThat(field(again, "MSA", 3)).contains("already used for SETTLEMENT");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patient_voucher_use WHERE psn_no = ?", Integer.class,
                LI_NA)).isEqualTo(3);   // 1101 node-level, 1101 of the registration, the one 2207
    }

    // ------------------------------------------------------------------ electronic bill

    @Test
    void everySettlementGetsABillWithItsFiguresAndACancelledOneARedLetterBill() throws Exception {
        String settled;
        try (MllpClient his = his()) {
            assertThat(field(send(his, register("EB-A04-1", "330102198001150117", "张伟", "V-EB-1",
                    zin("02", "330102198001150117", "", false))), "MSA", 1)).isEqualTo("AA");
            settled = send(his, charges("EB-P03-1", "330102198001150117", "张伟", "V-EB-1",
                    zin("02", "330102198001150117", "SETTLE", false), false));
        }
        assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
        String setlId = field(settled, "ZST", 1);
        var api = TestAuth.as(TestAuth.AUDITOR, http);

        JsonNode bill = JSON.readTree(api.getForObject("/api/patient/bills/EB" + setlId, String.class));
        assertThat(bill.path("bill_no").asText()).isEqualTo("EB" + setlId);
        assertThat(bill.path("status").asText()).isEqualTo("ISSUED");
        assertThat(bill.path("institution").path("name").asText()).isEqualTo(HOSPITAL_NAME);
        assertThat(bill.path("person").path("name").asText()).isEqualTo("张*");
        assertThat(bill.path("person").path("certno").asText()).isEqualTo("330102********0117");
        assertThat(bill.path("person").path("psn_no").asText()).doesNotContain("000000000000");
        // the figures are the settlement's (ZST: 3 medfee, 9 hifp, 10 hifmi, 11 maf, 12 fund, 14 acct, 15 cash)
        assertThat(bill.path("medfee_sumamt").asText()).isEqualTo(field(settled, "ZST", 3));
        JsonNode funds = bill.path("funds");
        assertThat(funds.path("hifp_pay").path("amount").asText()).isEqualTo(field(settled, "ZST", 9));
        assertThat(funds.path("hifmi_pay").path("amount").asText()).isEqualTo(field(settled, "ZST", 10));
        assertThat(funds.path("maf_pay").path("amount").asText()).isEqualTo(field(settled, "ZST", 11));
        assertThat(funds.path("acct_pay").path("amount").asText()).isEqualTo(field(settled, "ZST", 14));
        assertThat(funds.path("psn_cash_pay").path("amount").asText()).isEqualTo(field(settled, "ZST", 15));
        assertThat(bill.path("fund_pay_sumamt").asText()).isEqualTo(field(settled, "ZST", 12));
        // items by charge type: consultation 10.00 (12), lab 20.00 (03), drug 57.00 (09), CT 220.00 (02) = medfee
        Map<String, String> byType = new java.util.TreeMap<>();
        BigDecimal itemsTotal = BigDecimal.ZERO;
        for (JsonNode group : bill.path("items")) {
            byType.put(group.path("med_chrgitm_type").asText(), group.path("amount").asText());
            itemsTotal = itemsTotal.add(new BigDecimal(group.path("amount").asText()));
        }
        assertThat(byType).containsEntry("12", "10.00").containsEntry("03", "20.00").containsEntry("09", "57.00")
                .containsEntry("02", "220.00");
        assertThat(itemsTotal).isEqualByComparingTo(field(settled, "ZST", 3));
        String code = bill.path("verification_code").asText();
        assertThat(code).hasSize(10);
        assertThat(api.getForObject("/api/patient/bills/EB" + setlId + "/verify?code=" + code, String.class))
                .contains("\"valid\":true");
        assertThat(api.getForObject("/api/patient/bills/EB" + setlId + "/verify?code=0000000000", String.class))
                .contains("\"valid\":false");

        // the PDF: real PDF, Chinese text extractable, bill number and amounts printed (needs the CJK font
        // package; without it the answer is a clear 503 and the rest of the test still runs)
        ResponseEntity<byte[]> pdf = api.getForEntity("/api/patient/bills/EB" + setlId + "/pdf", byte[].class);
        if (!fontInstalled()) {
            assertThat(pdf.getStatusCode().value()).isEqualTo(503);
            assertThat(new String(pdf.getBody(), StandardCharsets.UTF_8)).contains("fonts-wqy-zenhei");
        } else {
        assertThat(pdf.getStatusCode().value()).isEqualTo(200);
        assertThat(pdf.getHeaders().getContentType().toString()).isEqualTo("application/pdf");
        String text = text(pdf.getBody());
        assertThat(text).contains("EB" + setlId).contains(HOSPITAL_NAME).contains(AMLODIPINE_NAME)
                .contains("西药费").contains("统筹基金支付").contains(code).contains(field(settled, "ZST", 3));
        }

        // cancel: the bill is voided by a red-letter bill with every amount negated
        try (MllpClient his = his()) {
            String cancelled = send(his, charges("EB-P03-2", "330102198001150117", "张伟", "V-EB-1",
                    "ZIN|02|330102198001150117||CANCEL|0|11||" + field(settled, "ZST", 2) + "|" + setlId, false));
            assertThat(field(cancelled, "MSA", 1)).as(cancelled).isEqualTo("AA");
        }
        JsonNode voided = JSON.readTree(api.getForObject("/api/patient/bills/EB" + setlId, String.class));
        assertThat(voided.path("status").asText()).isEqualTo("VOIDED");
        assertThat(voided.path("voided_by").asText()).isEqualTo("RB" + setlId);
        JsonNode red = JSON.readTree(api.getForObject("/api/patient/bills/RB" + setlId, String.class));
        assertThat(red.path("kind").asText()).isEqualTo("RED");
        assertThat(red.path("original_bill_no").asText()).isEqualTo("EB" + setlId);
        assertThat(new BigDecimal(red.path("medfee_sumamt").asText()))
                .isEqualByComparingTo(new BigDecimal(field(settled, "ZST", 3)).negate());
        assertThat(new BigDecimal(red.path("funds").path("hifp_pay").path("amount").asText()))
                .isEqualByComparingTo(new BigDecimal(field(settled, "ZST", 9)).negate());
        if (fontInstalled()) {
            assertThat(text(api.getForObject("/api/patient/bills/RB" + setlId + "/pdf", byte[].class)))
                    .contains("红字").contains("EB" + setlId);
        }
        assertThat(JSON.readTree(api.getForObject("/api/patient/bills?setl_id=" + setlId, String.class))).hasSize(2);
    }

    static boolean fontInstalled() {
        return Files.isReadable(Path.of(io.insurebridge.patient.bill.BillProperties.DEFAULT_FONT));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    // ------------------------------------------------------------------ mobile payment

    JsonNode order(String orderId) throws Exception {
        return JSON.readTree(TestAuth.as(TestAuth.AUDITOR, http).getForObject("/api/patient/payments/" + orderId,
                String.class));
    }

    void post(String path, String wallet) {
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        if (wallet != null) {
            form.add("wallet", wallet);
        }
        http.postForEntity(path, form, String.class);
    }

    /** Registers an Internet+ visit of 王芳 and pre-settles it; returns the PRE ACK (with ZPY). */
    String internetPreSettlement(MllpClient his, String visitNo) throws Exception {
        String registered = send(his, register(visitNo + "-A04", "330103195506200346", "王芳", visitNo,
                zin("02", "330103195506200346", "", true)) + CHECKS);
        assertThat(field(registered, "MSA", 1)).as(registered).isEqualTo("AA");
        String pre = send(his, charges(visitNo + "-PRE", "330103195506200346", "王芳", visitNo,
                zin("02", "330103195506200346", "PRE", true), true));
        assertThat(field(pre, "MSA", 1)).as(pre).isEqualTo("AA");
        return pre;
    }

    int settledCount(String psnNo) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, psnNo);
    }

    BigDecimal pooledPaid(String psnNo) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(otp_pool_paid), 0) FROM node_person_year WHERE psn_no = ?",
                BigDecimal.class, psnNo);
    }

    @Test
    void internetVisitPaidOnThePhoneAbandonedOrReversedWhenTheCashFailsAfterTheFundPart() throws Exception {
        try (MllpClient his = his()) {
            // an offline visit first, so the Internet+ visits are follow-ups (the fund pays a share)
            send(his, register("MP-0-A04", "330103195506200346", "王芳", "V-MP-0",
                    zin("02", "330103195506200346", "", false)));
            String offline = send(his, charges("MP-0-SET", "330103195506200346", "王芳", "V-MP-0",
                    zin("02", "330103195506200346", "SETTLE", false), false));
            assertThat(field(offline, "MSA", 1)).as(offline).isEqualTo("AA");

            // ---- happy path: order after the pre-settlement, paid on the page, both shares settled
            String pre = internetPreSettlement(his, "V-MP-1");
            String zpy = segments(pre, "ZPY").get(0);
            String orderId = field(pre, "ZPY", 1);
            assertThat(field(pre, "ZPY", 2)).isEqualTo("CREATED");
            assertThat(field(pre, "ZPY", 3)).isEqualTo(field(pre, "ZST", 3));   // medfee
            assertThat(field(pre, "ZPY", 4)).isEqualTo(field(pre, "ZST", 12));  // fund share
            assertThat(field(pre, "ZPY", 6)).isEqualTo(field(pre, "ZST", 15));  // cash share
            assertThat(new BigDecimal(field(pre, "ZST", 12))).as("follow-up: the fund pays").isPositive();
            assertThat(new BigDecimal(field(pre, "ZST", 15))).isPositive();
            assertThat(field(pre, "ZPY", 7)).as(zpy).isEqualTo("/patient/pay/" + orderId);
            String page = http.getForObject("/patient/pay/" + orderId, String.class);
            assertThat(page).contains(HOSPITAL_NAME).contains(field(pre, "ZST", 15)).contains("确认支付")
                    .doesNotContain("http://").doesNotContain("https://");

            int settledBefore = settledCount(WANG_FANG);
            post("/patient/pay/" + orderId + "/confirm", "SUCCESS");
            JsonNode paid = order(orderId);
            assertThat(paid.path("status").asText()).isEqualTo("PAID");
            String setlId = paid.path("setl_id").asText();
            assertThat(jdbc.queryForObject("SELECT status FROM node_settlement WHERE setl_id = ?", String.class, setlId))
                    .isEqualTo("SETTLED");
            assertThat(settledCount(WANG_FANG)).isEqualTo(settledBefore + 1);
            assertThat(new BigDecimal(paid.path("cash_pay").asText()))
                    .isEqualByComparingTo(field(pre, "ZST", 15));
            assertThat(jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = 'V-MP-1'",
                    String.class)).isEqualTo("SETTLED");
            // a second click changes nothing
            post("/patient/pay/" + orderId + "/confirm", "SUCCESS");
            assertThat(settledCount(WANG_FANG)).isEqualTo(settledBefore + 1);
            // the HIS asks for the settlement: the stored one, with the paid order
            String his1 = send(his, charges("V-MP-1-SET", "330103195506200346", "王芳", "V-MP-1",
                    zin("02", "330103195506200346", "SETTLE", true), true));
            assertThat(field(his1, "MSA", 1)).as(his1).isEqualTo("AA");
            assertThat(field(his1, "ZST", 1)).isEqualTo(setlId);
            assertThat(field(his1, "ZPY", 2)).isEqualTo("PAID");
            // the bill of the paid visit exists; the refund cancels the settlement and voids it
            assertThat(TestAuth.as(TestAuth.AUDITOR, http).getForObject("/api/patient/bills/EB" + setlId,
                    String.class)).contains("\"ISSUED\"");
            ResponseEntity<String> refund = TestAuth.as(TestAuth.OPERATOR, http).postForEntity(
                    "/api/patient/payments/" + orderId + "/refund", null, String.class);
            assertThat(refund.getStatusCode().value()).as(refund.getBody()).isEqualTo(200);
            assertThat(order(orderId).path("status").asText()).isEqualTo("REFUNDED");
            assertThat(jdbc.queryForObject("SELECT status FROM node_settlement WHERE setl_id = ?", String.class, setlId))
                    .isEqualTo("CANCELLED");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM patient_bill WHERE bill_no = ?", Integer.class,
                    "RB" + setlId)).isEqualTo(1);

            // ---- the patient abandons: nothing reaches the platform
            String pre2 = internetPreSettlement(his, "V-MP-2");
            String abandonedId = field(pre2, "ZPY", 1);
            // while the order is open the counter may not settle the same visit
            String counter = send(his, charges("V-MP-2-SET", "330103195506200346", "王芳", "V-MP-2",
                    zin("02", "330103195506200346", "SETTLE", true), true));
            assertThat(field(counter, "MSA", 1)).isEqualTo("AE");
            assertThat(field(counter, "MSA", 3)).contains(abandonedId);
            post("/patient/pay/" + abandonedId + "/abandon", null);
            assertThat(order(abandonedId).path("status").asText()).isEqualTo("ABANDONED");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM platform_calls WHERE visit_no = 'V-MP-2' "
                    + "AND infno = '2207'", Integer.class)).isZero();
            post("/patient/pay/" + abandonedId + "/confirm", "SUCCESS");   // too late: stays abandoned
            assertThat(order(abandonedId).path("status").asText()).isEqualTo("ABANDONED");

            // ---- the wallet declines after the fund part: the settlement is reversed (2601), nothing stays paid
            String pre3 = internetPreSettlement(his, "V-MP-3");
            String failedId = field(pre3, "ZPY", 1);
            int settledBeforeFail = settledCount(WANG_FANG);
            BigDecimal pooledBeforeFail = pooledPaid(WANG_FANG);
            BigDecimal balanceBefore = jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?",
                    BigDecimal.class, WANG_FANG);
            post("/patient/pay/" + failedId + "/confirm", "FAIL");
            JsonNode reversed = order(failedId);
            assertThat(reversed.path("status").asText()).isEqualTo("REVERSED");
            assertThat(reversed.path("reason").asText()).contains("declined").contains("2601");
            String settleMsgid = reversed.path("settle_msgid").asText();
            // node: the 2207 was committed, then cancelled by the 2601; accumulators and account as before
            assertThat(jdbc.queryForObject("SELECT status FROM node_settlement WHERE msgid = ?", String.class,
                    settleMsgid)).isEqualTo("CANCELLED");
            assertThat(settledCount(WANG_FANG)).isEqualTo(settledBeforeFail);
            assertThat(pooledPaid(WANG_FANG)).isEqualByComparingTo(pooledBeforeFail);
            assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                    WANG_FANG)).isEqualByComparingTo(balanceBefore);
            // gateway: the 2601 answered and recorded against the 2207, the visit back to "fees uploaded"
            assertThat(jdbc.queryForObject("SELECT reversed_by FROM platform_calls WHERE msgid = ?", String.class,
                    settleMsgid)).isNotNull();
            assertThat(jdbc.queryForObject("SELECT status FROM platform_calls WHERE infno = '2601' AND visit_no = "
                    + "'V-MP-3'", String.class)).isEqualTo("ANSWERED");
            assertThat(jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = 'V-MP-3'",
                    String.class)).isEqualTo("FEES_UPLOADED");
            // the bill of the reversed settlement is voided by a red-letter bill
            String reversedSetlId = jdbc.queryForObject("SELECT setl_id FROM node_settlement WHERE msgid = ?",
                    String.class, settleMsgid);
            assertThat(jdbc.queryForObject("SELECT status FROM patient_bill WHERE bill_no = ?", String.class,
                    "EB" + reversedSetlId)).isEqualTo("VOIDED");
            // the HIS sees the state in the ACK of its next charge message for the visit
            String after = send(his, charges("V-MP-3-UP", "330103195506200346", "王芳", "V-MP-3",
                    zin("02", "330103195506200346", "UPLOAD", true), true));
            assertThat(field(after, "ZPY", 1)).isEqualTo(failedId);
            assertThat(field(after, "ZPY", 2)).isEqualTo("REVERSED");
        }
    }

    // ------------------------------------------------------------------ identity checks

    @Test
    void internetRegistrationNeedsTheAttestedChecksWhichAreRecordedWithTheVisit() throws Exception {
        try (MllpClient his = his()) {
            String none = send(his, register("ID-A04-1", "330102198001150117", "张伟", "V-ID-1",
                    zin("02", "330102198001150117", "", true)));
            assertThat(field(none, "MSA", 1)).isEqualTo("AE");
            assertThat(field(none, "MSA", 3)).contains("identity check required").contains("FACE")
                    .contains("DOCTOR_FACE_POSITION");
            String failed = send(his, register("ID-A04-2", "330102198001150117", "张伟", "V-ID-1",
                    zin("02", "330102198001150117", "", true)) + CHECKS.replace("FACE|PASS", "FACE|FAIL"));
            assertThat(field(failed, "MSA", 1)).isEqualTo("AE");
            assertThat(field(failed, "MSA", 3)).contains("patient face check").doesNotContain("doctor face");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM platform_calls WHERE visit_no = 'V-ID-1'",
                    Integer.class)).as("refused before the platform").isZero();

            String ok = send(his, register("ID-A04-3", "330102198001150117", "张伟", "V-ID-1",
                    zin("02", "330102198001150117", "", true)) + CHECKS);
            assertThat(field(ok, "MSA", 1)).as(ok).isEqualTo("AA");
            // an offline registration needs none (offline-too is false)
            assertThat(field(send(his, register("ID-A04-4", "330102198001150117", "张伟", "V-ID-2",
                    zin("02", "330102198001150117", "", false))), "MSA", 1)).isEqualTo("AA");
        }
        JsonNode claims = JSON.readTree(TestAuth.as(TestAuth.AUDITOR, http).getForObject(
                "/api/patient/identity-claims?institution=H33010000001&visit_no=V-ID-1", String.class));
        assertThat(claims).hasSize(2);
        assertThat(claims.get(0).path("type").asText()).isEqualTo("FACE");
        assertThat(claims.get(0).path("result").asText()).isEqualTo("PASS");
        assertThat(claims.get(0).path("score").asText()).isEqualTo("0.97");
        assertThat(claims.get(1).path("type").asText()).isEqualTo("DOCTOR_FACE_POSITION");
        assertThat(claims.get(1).path("location").asText()).isEqualTo("30.2741,120.1551");
    }

    // ------------------------------------------------------------------ FHIR

    @org.springframework.boot.test.web.server.LocalServerPort int port;

    record Reply(int status, String body) {}

    Reply fhir(String path, String json) throws Exception {
        var request = TestAuth.fhir(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/fhir/" + path))).header("Content-Type", "application/fhir+json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    static final String SID = "https://insurebridge.io/fhir/sid/";
    static final String CS = "https://insurebridge.io/fhir/CodeSystem/";

    static String eligibilityByVoucher(String identifier, String token) {
        return """
                {"resourceType": "CoverageEligibilityRequest",
                 "identifier": [{"system": "https://his.h33010000001.example/eligibility", "value": "%s"}],
                 "status": "active", "purpose": ["validation", "benefits"],
                 "patient": {"identifier": {"system": "%sevoucher", "value": "%s"}, "display": "李娜"},
                 "created": "2026-11-30T09:00:00+08:00",
                 "provider": {"identifier": {"system": "%sinstitution", "value": "H33010000001"}},
                 "insurer": {"display": "national medical insurance platform"}}
                """.formatted(identifier, SID, token, SID);
    }

    static String identityCheck(String type) {
        return """
                {"url": "https://insurebridge.io/fhir/StructureDefinition/identity-check", "extension": [
                  {"url": "type", "valueString": "%s"}, {"url": "result", "valueString": "PASS"},
                  {"url": "score", "valueString": "0.96"}, {"url": "attester", "valueString": "DR-APP"}]}"""
                .formatted(type);
    }

    static String internetClaim(String identifier, String visitNo, String extensions) {
        return """
                {"resourceType": "Claim",
                 "contained": [{"resourceType": "Encounter", "id": "enc", "status": "finished",
                   "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "VR"},
                   "identifier": [{"system": "%svisit-number", "value": "%s"}],
                   "serviceType": {"coding": [{"system": "%sdepartment", "code": "NEI", "display": "内科"}]},
                   "participant": [{"individual": {"identifier": {"system": "%sdoctor", "value": "D330100000001"},
                                                   "display": "王医生"}}],
                   "period": {"start": "2026-11-30T10:00:00+08:00"}}],
                 "extension": [%s],
                 "identifier": [{"system": "https://his.h33010000001.example/claim", "value": "%s"}],
                 "status": "active",
                 "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/claim-type", "code": "professional"}]},
                 "subType": {"coding": [{"system": "%smed-type", "code": "11"}]},
                 "use": "preauthorization",
                 "patient": {"identifier": {"system": "%sresident-id", "value": "330102198001150117"}, "display": "张伟"},
                 "created": "2026-11-30T10:10:00+08:00",
                 "provider": {"identifier": {"system": "%sinstitution", "value": "H33010000001"}},
                 "priority": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/processpriority", "code": "normal"}]},
                 "insurance": [{"sequence": 1, "focal": true, "coverage": {"display": "basic medical insurance"}}],
                 "diagnosis": [{"sequence": 1,
                   "diagnosisCodeableConcept": {"coding": [{"system": "%sdiagnosis", "code": "I10.x00x002", "display": "原发性高血压"}]},
                   "type": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/ex-diagnosistype", "code": "principal"}]}]}],
                 "item": [{"sequence": 1,
                   "productOrService": {"coding": [{"system": "%slocal-item/H33010000001", "code": "ZL1002", "display": "互联网复诊"}]},
                   "quantity": {"value": 1}, "unitPrice": {"value": 10.00, "currency": "CNY"},
                   "net": {"value": 10.00, "currency": "CNY"}, "encounter": [{"reference": "#enc"}]}]}
                """.formatted(SID, visitNo, CS, SID, extensions, identifier, CS, SID, SID, CS, CS);
    }

    @Test
    void fhirAnswersCarryTheVoucherRefusalTheIdentityPolicyAndThePaymentOrder() throws Exception {
        Reply forged = fhir("CoverageEligibilityRequest", eligibilityByVoucher("FH-ELIG-1", "EV1.bm90.YQ"));
        assertThat(forged.status()).as(forged.body()).isEqualTo(422);
        assertThat(forged.body()).contains("business-rule").contains("E-voucher refused");
        Reply valid = fhir("CoverageEligibilityRequest", eligibilityByVoucher("FH-ELIG-2",
                issue(LI_NA, "ELIGIBILITY")));
        assertThat(valid.status()).as(valid.body()).isEqualTo(200);

        Reply unchecked = fhir("Claim", internetClaim("FH-CLM-1", "V-FH-1", identityCheck("FACE")));
        assertThat(unchecked.status()).as(unchecked.body()).isEqualTo(422);
        assertThat(unchecked.body()).contains("identity check required").contains("DOCTOR_FACE_POSITION");

        Reply pre = fhir("Claim", internetClaim("FH-CLM-2", "V-FH-1", identityCheck("FACE") + ","
                + identityCheck("DOCTOR_FACE_POSITION")));
        assertThat(pre.status()).as(pre.body()).isEqualTo(200);
        JsonNode response = JSON.readTree(pre.body());
        JsonNode payment = null;
        for (JsonNode e : response.path("extension")) {
            if (e.path("url").asText().endsWith("/mobile-payment")) {
                payment = e;
            }
        }
        assertThat(payment).as(pre.body()).isNotNull();
        Map<String, String> fields = new java.util.HashMap<>();
        for (JsonNode sub : payment.path("extension")) {
            JsonNode value = sub.has("valueString") ? sub.get("valueString")
                    : sub.has("valueUrl") ? sub.get("valueUrl") : sub.get("valueDecimal");
            fields.put(sub.path("url").asText(), value.asText());
        }
        assertThat(fields.get("status")).isEqualTo("CREATED");
        assertThat(fields.get("pay-url")).isEqualTo("/patient/pay/" + fields.get("order-id"));
        assertThat(order(fields.get("order-id")).path("visit_no").asText()).isEqualTo("V-FH-1");
        assertThat(JSON.readTree(TestAuth.as(TestAuth.AUDITOR, http).getForObject(
                "/api/patient/identity-claims?institution=H33010000001&visit_no=V-FH-1", String.class))).hasSize(2);
    }
}
