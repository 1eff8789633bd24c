package io.insurebridge.circulation;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.model.v251.message.RDS_O13;
import ca.uhn.hl7v2.parser.PipeParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.inbound.connector.FakeMllpServer;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rest of circulation, end to end on real parts (MLLP sockets, Artemis, the node over its queues, HTTP):
 * dispensed drugs settled with the pharmacy to the cent and only once; a pharmacy reached over MLLP with RDS^O13
 * (timeout redelivered, AE refused with its text); the node refusing a tampered 7101.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PharmacySettlementEndToEndTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final int HTTP_PORT = AppTestSupport.freePort();
    static final Path BASE = tempDir();
    static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final String BASE_URL = "http://127.0.0.1:" + HTTP_PORT;
    static final String EAST_1 = "P33010000001";
    static final String EAST_2 = "P33010000002";
    static final String AMLODIPINE = "XC08CAA148A001000000001";
    static final String AMOXICILLIN = "XJ01CRA089A001000000003";

    /** Pharmacy No.2's HL7 listener: silent on the first RDS of RX-MLLP-1, AE for RX-MLLP-2, AA otherwise. */
    static final Map<String, AtomicInteger> SEEN = new ConcurrentHashMap<>();
    static final FakeMllpServer PHARMACY_2 = pharmacy2();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        registry.add("insurebridge.data-dir", () -> BASE.resolve("data").toString());
        Path connectors = Files.createDirectories(BASE.resolve("connectors"));
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                """.formatted(MLLP_PORT));
        Files.writeString(connectors.resolve("pharmacy-east-1.yaml"), """
                kind: pharmacy-http
                pharmacy: P33010000001
                url: %s/pharmacy/api/P33010000001/prescriptions
                """.formatted(BASE_URL));
        Files.writeString(connectors.resolve("pharmacy-east-2.yaml"), """
                kind: pharmacy-mllp
                pharmacy: P33010000002
                host: 127.0.0.1
                port: %d
                ack-timeout-ms: 1500
                """.formatted(PHARMACY_2.port()));
        registry.add("insurebridge.connectors-dir", connectors::toString);
        registry.add("server.port", () -> String.valueOf(HTTP_PORT));
    }

    @AfterAll
    static void stop() throws IOException {
        PHARMACY_2.close();
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;
    @Autowired SigningKeys keys;

    final HttpClient http = HttpClient.newHttpClient();

    /**
     * The pharmacy side (7201-7206) in the pharmacy's own envelope: the patient's trace code (QR) gives the number;
     * the download is the hospital's signed 7101, verifiable by the pharmacy; another pharmacy cannot take a
     * reviewed prescription; write-off only after dispensing, once.
     */
    @Test
    void aPharmacyParsesTheTraceCodeDownloadsTheSignedPrescriptionDispensesAndWritesItOff() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-PS-1", EAST_1, "330102198001150117",
                List.<String[]>of(new String[] {"YP0001", "2"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(hiRxno).equals("REVIEWED"));   // the desk's 7102
        String trace = jdbc.queryForObject("SELECT rx_trace_code FROM rx_prescription WHERE hi_rxno = ?",
                String.class, hiRxno);

        JsonNode parsed = pharmacyCall(EAST_1, "7201", Map.of("rx_trace_code", trace));
        assertThat(parsed.path("infcode").asInt()).as(parsed.toString()).isZero();
        assertThat(parsed.path("output").path("data").path("hi_rxno").asText()).isEqualTo(hiRxno);
        assertThat(parsed.path("output").path("data").path("fixmedins_code").asText()).isEqualTo("H33010000001");
        assertThat(parsed.path("output").path("data").path("psn_no").asText()).isEqualTo("33010000000000000001");

        JsonNode wrongCode = pharmacyCall(EAST_1, "7203", Map.of("hi_rxno", hiRxno, "rx_trace_code", "T0000"));
        assertThat(wrongCode.path("infcode").asInt()).isEqualTo(-1);
        assertThat(wrongCode.path("err_msg").asText()).contains("with that trace code");

        JsonNode download = pharmacyCall(EAST_1, "7203", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(download.path("infcode").asInt()).as(download.toString()).isZero();
        JsonNode rxinfo = download.path("output").path("rxinfo");
        assertThat(rxinfo.path("data").path("hosp_rxno").asText()).isEqualTo("RX-PS-1");
        assertThat(rxinfo.path("rxdrugdetail").get(0).path("med_list_codg").asText()).isEqualTo(AMLODIPINE);
        assertThat(download.path("output").path("signtype").asText()).isEqualTo("SM2");
        assertThat(Sm2Crypto.verify(keys.publicKey(), CanonicalJson.bytes(rxinfo),
                download.path("output").path("cainfo").asText())).as("the hospital's signature verifies").isTrue();

        JsonNode taken = pharmacyCall(EAST_2, "7203", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(taken.path("err_msg").asText()).contains("already taken by pharmacy " + EAST_1);
        JsonNode byHospital = pharmacyCall("H33010000001", "7204", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace,
                "rvw_rslt", "1"));
        assertThat(byHospital.path("err_msg").asText()).contains("is not a designated retail pharmacy");
        JsonNode early = pharmacyCall(EAST_1, "7206", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(early.path("err_msg").asText()).contains("only by the pharmacy that dispensed it");

        JsonNode reviewed = pharmacyCall(EAST_1, "7204", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace,
                "rvw_rslt", "1"));
        assertThat(reviewed.path("output").path("data").path("rx_stas").asText()).as(reviewed.toString())
                .isEqualTo("REVIEWED");
        JsonNode dispensed = pharmacyCall(EAST_1, "7205", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace,
                "delv_flag", "0"));
        assertThat(dispensed.path("output").path("data").path("rx_stas").asText()).as(dispensed.toString())
                .isEqualTo("DISPENSED");
        JsonNode writtenOff = pharmacyCall(EAST_1, "7206", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        String wrtoff = writtenOff.path("output").path("data").path("wrtoff_time").asText();
        assertThat(wrtoff).as(writtenOff.toString()).isNotBlank();
        JsonNode again = pharmacyCall(EAST_1, "7206", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(again.path("output").path("data").path("wrtoff_time").asText()).as("once").isEqualTo(wrtoff);

        JsonNode query = pharmacyCall(EAST_1, "7202", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(query.path("output").path("data").path("rx_stas").asText()).isEqualTo("DISPENSED");
        assertThat(query.path("output").path("data").path("phar_code").asText()).isEqualTo(EAST_1);
        assertThat(query.path("output").path("data").path("wrtoff_time").asText()).isEqualTo(wrtoff);
        JsonNode afterwards = pharmacyCall(EAST_2, "7203", Map.of("hi_rxno", hiRxno, "rx_trace_code", trace));
        assertThat(afterwards.path("err_msg").asText()).contains("already dispensed by " + EAST_1);
    }

    private final AtomicInteger pharmacySequence = new AtomicInteger();

    /** A call in the pharmacy's own envelope (fixmedins_code = its code, msgid = code + time + sequence). */
    JsonNode pharmacyCall(String code, String infno, Map<String, String> data) throws Exception {
        ObjectNode input = PlatformJson.object();
        ObjectNode d = input.putObject("data");
        data.forEach(d::put);
        ObjectNode e = envelope(code + "20261130110000" + String.format("%04d", pharmacySequence.incrementAndGet()),
                input, null);
        e.put("infno", infno);
        e.put("fixmedins_code", code);
        e.put("fixmedins_name", "pharmacy " + code);
        return callService(e);
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * 张伟 (employee 310, area 330100, account 1000.00, nothing used this year), prescribed at a level-3 hospital:
     * amlodipine 2 x 32.50 (class A, ceiling 30.00: 5.00 over the ceiling), amoxicillin-clavulanate 6 x 40.00
     * (class B, 10 % self-pay first: 24.00), delivery fee 8.00 (never insured).
     * medfee 313.00 = 65.00 + 240.00 + 8.00; inscp 60.00 + 216.00 = 276.00; deductible 200.00;
     * hifp round((276.00 - 200.00) x 0.70) = 53.20; pool_prop_selfpay 22.80; psn_part 313.00 - 53.20 = 259.80;
     * account pays everything but the delivery fee: 251.80; cash 8.00; balance 1000.00 - 251.80 = 748.20.
     */
    @Test
    void dispensedDrugsAreSettledWithThePharmacyToTheCentAndOnlyOnce() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-SETL-1", EAST_1, "330102198001150117",
                List.of(new String[] {"YP0001", "2"}, new String[] {"YP0003", "6"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(hiRxno).equals("REVIEWED"));

        String report = """
                {"pharmacy": "P33010000001", "event": "DELIVERED", "detail": "sent by courier",
                 "lines": [{"med_list_codg": "%s", "cnt": 2, "pric": "32.50"},
                           {"med_list_codg": "%s", "cnt": 6, "pric": "40.00"}],
                 "delivery_fee": "8.00", "acct_used_flag": "1"}""".formatted(AMLODIPINE, AMOXICILLIN);
        HttpResponse<String> first = post("/api/prescriptions/" + hiRxno + "/reports", report);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode answered = PlatformJson.MAPPER.readTree(first.body());
        assertThat(answered.path("status").asText()).isEqualTo("DELIVERED");
        assertThat(answered.path("errMsg").isNull()).as(first.body()).isTrue();

        JsonNode shown = get("/api/prescriptions/" + hiRxno);
        assertThat(shown.path("status").asText()).isEqualTo("DELIVERED");
        JsonNode settlement = shown.path("settlement");
        assertThat(settlement.path("pharmacy_code").asText()).isEqualTo(EAST_1);
        String setlId = settlement.path("setl_id").asText();
        assertThat(setlId).isNotBlank();
        assertThat(settlement.path("msgid").asText()).startsWith(EAST_1).hasSize(30);
        JsonNode info = settlement.path("output").path("setlinfo");
        assertThat(info.path("setl_id").asText()).isEqualTo(setlId);
        assertThat(info.path("fixmedins_code").asText()).isEqualTo(EAST_1);
        assertThat(info.path("med_type").asText()).isEqualTo("41");
        assertThat(info.path("clr_type").asText()).isEqualTo("41");
        assertThat(info.path("psn_no").asText()).isEqualTo("33010000000000000001");
        assertThat(info.path("hi_rxno").asText()).isEqualTo(hiRxno);
        Map<String, String> expected = Map.ofEntries(
                Map.entry("medfee_sumamt", "313.00"), Map.entry("fulamt_ownpay_amt", "8.00"),
                Map.entry("overlmt_selfpay", "5.00"), Map.entry("preselfpay_amt", "24.00"),
                Map.entry("inscp_scp_amt", "276.00"), Map.entry("act_pay_dedc", "200.00"),
                Map.entry("hifp_pay", "53.20"), Map.entry("pool_prop_selfpay", "22.80"),
                Map.entry("hifmi_pay", "0.00"), Map.entry("maf_pay", "0.00"),
                Map.entry("fund_pay_sumamt", "53.20"), Map.entry("psn_part_amt", "259.80"),
                Map.entry("acct_pay", "251.80"), Map.entry("psn_cash_pay", "8.00"), Map.entry("balc", "748.20"));
        expected.forEach((k, v) -> assertThat(info.path(k).decimalValue()).as(k).isEqualByComparingTo(v));
        JsonNode funds = settlement.path("output").path("setldetail");
        assertThat(funds).hasSize(2);
        assertThat(funds.get(0).path("fund_pay_type").asText()).isEqualTo("310100");
        assertThat(funds.get(0).path("fund_payamt").decimalValue()).isEqualByComparingTo("53.20");
        assertThat(funds.get(1).path("fund_pay_type").asText()).isEqualTo("310200");
        assertThat(funds.get(1).path("fund_payamt").decimalValue()).isEqualByComparingTo("251.80");
        JsonNode delivery = settlement.path("output").path("result").get(2);
        assertThat(delivery.path("chrgitm_lv").asText()).isEqualTo("03");
        assertThat(delivery.path("fulamt_ownpay_amt").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(delivery.path("inscp_scp_amt").decimalValue()).isEqualByComparingTo("0");
        assertThat(settlement.path("delivery_fee").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(PrescriptionCirculationEndToEndTest.events(shown)).contains("DELIVERED", "SETTLED");

        // the node's own records: a med_type 41 settlement of the pharmacy, the person's year and account moved once
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM node_settlement WHERE setl_id = ?", setlId);
        assertThat(row.get("fixmedins_code")).isEqualTo(EAST_1);
        assertThat(row.get("med_type")).isEqualTo("41");
        assertThat((BigDecimal) row.get("hifp_pay")).isEqualByComparingTo("53.20");
        assertThat((BigDecimal) row.get("acct_pay")).isEqualByComparingTo("251.80");
        assertThat((BigDecimal) row.get("psn_cash_pay")).isEqualByComparingTo("8.00");
        assertThat(balance()).isEqualByComparingTo("748.20");
        assertThat(jdbc.queryForObject("SELECT otp_dedc_used FROM node_person_year WHERE psn_no = ?",
                BigDecimal.class, "33010000000000000001")).isEqualByComparingTo("200.00");
        assertThat(jdbc.queryForObject("SELECT otp_pool_paid FROM node_person_year WHERE psn_no = ?",
                BigDecimal.class, "33010000000000000001")).isEqualByComparingTo("53.20");
        assertThat(jdbc.queryForObject("SELECT SUM(fund_paid) FROM node_budget_use WHERE fixmedins_code = ?",
                BigDecimal.class, EAST_1)).isEqualByComparingTo("53.20");

        // published once for the agencies as the pharmacy's settlement
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM fanout_outbox WHERE event_id = ?", Integer.class, "settlement-" + setlId) == 1);
        JsonNode event = PlatformJson.MAPPER.readTree(jdbc.queryForObject(
                "SELECT payload FROM fanout_outbox WHERE event_id = ?", String.class, "settlement-" + setlId));
        assertThat(event.path("fixmedins_code").asText()).isEqualTo(EAST_1);
        assertThat(event.path("infno").asText()).isEqualTo("2102");
        assertThat(event.path("amounts").path("hifp_pay").decimalValue()).isEqualByComparingTo("53.20");

        // the same dispensing report again: the same settlement, nothing paid twice
        HttpResponse<String> again = post("/api/prescriptions/" + hiRxno + "/reports", report);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(PlatformJson.MAPPER.readTree(again.body()).path("settlement").path("setlinfo").path("setl_id")
                .asText()).isEqualTo(setlId);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND med_type = '41'",
                Integer.class, "33010000000000000001")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_drug_settlement WHERE hi_rxno = ?", Integer.class,
                hiRxno)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fanout_outbox WHERE event_id = ?", Integer.class,
                "settlement-" + setlId)).isEqualTo(1);
        assertThat(balance()).isEqualByComparingTo("748.20");
        // and the platform's view says it is paid
        JsonNode platform = get("/api/prescriptions/" + hiRxno + "?platform=true").path("platform");
        assertThat(platform.path("setl_stas").asText()).isEqualTo("1");
        assertThat(platform.path("setl_id").asText()).isEqualTo(setlId);
    }

    @Test
    void moreThanPrescribedOrAnotherPharmacyIsNotSettled() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-SETL-2", EAST_1, "330102199211030222",
                List.<String[]>of(new String[] {"YP0002", "1"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> status(hiRxno).equals("REVIEWED"));
        HttpResponse<String> r = post("/api/prescriptions/" + hiRxno + "/reports", """
                {"pharmacy": "P33010000001", "event": "DISPENSED",
                 "lines": [{"med_list_codg": "XA10BAA007A001000000002", "cnt": 3, "pric": "18.00"}]}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode outcome = PlatformJson.MAPPER.readTree(r.body());
        assertThat(outcome.path("status").asText()).isEqualTo("DISPENSED");   // the dispensing stands
        assertThat(outcome.path("errMsg").asText()).contains("not on prescription " + hiRxno + " in that quantity");
        assertThat(get("/api/prescriptions/" + hiRxno).path("settlement").isNull()).isTrue();
        assertThat(PrescriptionCirculationEndToEndTest.events(get("/api/prescriptions/" + hiRxno)))
                .contains("SETTLEMENT_REFUSED");

        // the right quantity, reported again: settled now (李娜, resident 390, level 3: 0.50, no deductible)
        HttpResponse<String> fixed = post("/api/prescriptions/" + hiRxno + "/reports", """
                {"pharmacy": "P33010000001", "event": "DISPENSED",
                 "lines": [{"med_list_codg": "XA10BAA007A001000000002", "cnt": 1, "pric": "18.00"}]}""");
        JsonNode info = PlatformJson.MAPPER.readTree(fixed.body()).path("settlement").path("setlinfo");
        assertThat(info.path("hifp_pay").decimalValue()).as(fixed.body()).isEqualByComparingTo("9.00");
        assertThat(info.path("psn_cash_pay").decimalValue()).isEqualByComparingTo("9.00");
    }

    @Test
    void aPharmacyOverMllpGetsRdsO13RedeliveredAfterATimeoutAndAnAeIsARefusalWithItsText() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-MLLP-1", EAST_2, "330102198001150117",
                List.<String[]>of(new String[] {"YP0001", "2"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> PrescriptionCirculationEndToEndTest
                .events(get("/api/prescriptions/" + hiRxno)).contains("SENT"));
        assertThat(SEEN.get("RX-MLLP-1").get()).as("first attempt timed out, the broker redelivered").isEqualTo(2);
        JsonNode sent = get("/api/prescriptions/" + hiRxno).path("history");
        assertThat(sent.findValuesAsText("detail")).contains("MLLP AA");
        assertThat(status(hiRxno)).isEqualTo("CIRCULATED");

        String rds = PHARMACY_2.received.stream().filter(m -> m.contains("RX-MLLP-1")).reduce((a, b) -> b).orElseThrow();
        RDS_O13 parsed = (RDS_O13) new PipeParser(new DefaultHapiContext()).parse(rds);
        assertThat(parsed.getMSH().getMessageType().encode()).isEqualTo("RDS^O13^RDS_O13");
        assertThat(parsed.getMSH().getReceivingFacility().encode()).isEqualTo(EAST_2);
        assertThat(parsed.getORDER().getORC().getFillerOrderNumber().getEntityIdentifier().getValue()).isEqualTo(hiRxno);
        assertThat(parsed.getORDER().getORC().getPlacerOrderNumber().getEntityIdentifier().getValue()).isEqualTo("RX-MLLP-1");
        assertThat(parsed.getORDER().getENCODING().getRXE().getGiveCode().getIdentifier().getValue()).isEqualTo(AMLODIPINE);
        assertThat(parsed.getORDER().getENCODING().getRXE().getDispenseAmount().getValue()).isEqualTo("2");
        assertThat(parsed.getORDER().getRXD().getActualDispenseAmount().getValue()).isEqualTo("2");
        assertThat(parsed.getORDER().getENCODING().getTIMING_ENCODED().getTQ1().getRepeatPattern(0).encode())
                .isEqualTo("QD");
        assertThat(rds).doesNotContain("张伟").doesNotContain("330102198001150117");
        // the signed payload travels in OBX-5 and verifies
        String payload = RdsMessage.signedPayload(rds);
        assertThat(SignedPrescription.verify(payload, keys).valid()).isTrue();
        assertThat(PlatformJson.MAPPER.readTree(payload).path("rx").path("hi_rxno").asText()).isEqualTo(hiRxno);

        String refused = sendAndAwaitProcessed(rde("RX-MLLP-2", EAST_2, "330102198001150117",
                List.<String[]>of(new String[] {"YP0002", "1"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> PrescriptionCirculationEndToEndTest
                .events(get("/api/prescriptions/" + refused)).contains("PHARMACY_REFUSED"));
        assertThat(get("/api/prescriptions/" + refused).path("history").findValuesAsText("detail"))
                .anyMatch(d -> d.contains("MLLP AE: drug out of stock"));
        // a later prescription arrives, the refused one was never sent again
        String later = sendAndAwaitProcessed(rde("RX-MLLP-3", EAST_2, "330102198001150117",
                List.<String[]>of(new String[] {"YP0004", "1"})));
        await().atMost(Duration.ofSeconds(60)).until(() -> SEEN.containsKey("RX-MLLP-3"));
        assertThat(SEEN.get("RX-MLLP-2").get()).isEqualTo(1);
        assertThat(later).isNotEqualTo(refused);
    }

    @Test
    void theNodeRefusesATamperedOrUnsignedPrescriptionUpload() throws Exception {
        ObjectNode input = (ObjectNode) PlatformJson.MAPPER.readTree("""
                {"data": {"hosp_rxno": "RX-SIG-1", "rx_type_code": "1", "prsc_time": "2026-11-30 09:00:00",
                          "valid_days": 3, "rx_circ_flag": "1", "dr_code": "D330100000001", "dr_name": "王医生",
                          "ipt_otp_no": "V-SIG-1", "mdtrt_id": "", "psn_no": "33010000000000000001",
                          "mdtrt_cert_type": "02", "mdtrt_cert_no": "330102198001150117", "phar_code": ""},
                 "rxdrugdetail": [{"rx_seq": 1, "med_list_codg": "XC08CAA148A001000000001", "drug_cnt": 2}],
                 "diseinfo": []}""");
        String cainfo = Sm2Crypto.sign(keys.privateKey(), CanonicalJson.bytes(input));

        JsonNode ok = callService(envelope("H33010000001202611301000000001", input, cainfo));
        assertThat(ok.path("infcode").asInt()).as(ok.toString()).isZero();
        assertThat(ok.path("output").path("data").path("hi_rxno").asText()).startsWith("R");

        ObjectNode tampered = input.deepCopy();
        ((ObjectNode) tampered.path("data")).put("hosp_rxno", "RX-SIG-2");
        ((ObjectNode) tampered.path("rxdrugdetail").get(0)).put("drug_cnt", 9);   // signed for 2
        JsonNode refused = callService(envelope("H33010000001202611301000000002", tampered, cainfo));
        assertThat(refused.path("infcode").asInt()).isEqualTo(-1);
        assertThat(refused.path("err_msg").asText()).contains("Signature check failed").contains("does not verify");

        JsonNode unsigned = callService(envelope("H33010000001202611301000000003", tampered, null));
        assertThat(unsigned.path("infcode").asInt()).isEqualTo(-1);
        assertThat(unsigned.path("err_msg").asText()).contains("carries no cainfo");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_prescription WHERE hosp_rxno = ?", Integer.class,
                "RX-SIG-2")).isZero();
    }

    // ---------------------------------------------------------------------------------------------------------

    static FakeMllpServer pharmacy2() {
        try {
            return new FakeMllpServer((message, seen) -> {
                String rx = message.contains("RX-MLLP-1") ? "RX-MLLP-1" : message.contains("RX-MLLP-2") ? "RX-MLLP-2"
                        : message.contains("RX-MLLP-3") ? "RX-MLLP-3" : "other";
                int n = SEEN.computeIfAbsent(rx, k -> new AtomicInteger()).incrementAndGet();
                if (rx.equals("RX-MLLP-1") && n == 1) {
                    return null;   // no ACK: the sender times out
                }
                if (rx.equals("RX-MLLP-2")) {
                    return FakeMllpServer.ack(message, "AE", "drug out of stock");
                }
                return FakeMllpServer.ack(message, "AA", "received");
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rde(String hospRxNo, String pharmacy, String idNumber, List<String[]> drugs) {
        String t = HL7_TIME.format(LocalDateTime.now(ZoneId.of("Asia/Shanghai")));
        StringBuilder m = new StringBuilder(String.join("\r",
                "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|" + t + "||RDE^O11^RDE_O11|" + hospRxNo + "-MSG|P|2.5.1"
                        + "||||||UNICODE UTF-8",
                "PID|1||" + idNumber + "^^^^ID||患者||19800115|M",
                "PV1|1|O|0101^^^^^^^^心内科门诊||||D330100000001^王医生||||||||||||V-" + hospRxNo,
                "ZIN|02|" + idNumber + "|||||||||||3|" + pharmacy)).append('\r');
        for (String[] d : drugs) {
            m.append(String.join("\r",
                    "ORC|NW|" + hospRxNo + "|||||||" + t + "|||D330100000001^王医生",
                    "RXE||" + d[0] + "^药品|5||mg|||||" + d[1] + "|盒",
                    "TQ1|1||QD|||14^d",
                    "RXR|PO^口服")).append('\r');
        }
        m.append("DG1|1||I10.x00x002^原发性高血压|||A\r");
        return m.toString();
    }

    String sendAndAwaitProcessed(String message) throws Exception {
        String ack;
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            ack = his.send(message, StandardCharsets.UTF_8);
        }
        assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        long id = Long.parseLong(field(ack, "MSA", 3).replaceAll("\\D+", ""));
        StoredMessage done = await().atMost(Duration.ofSeconds(60)).until(() -> store.find(id).orElseThrow(),
                m -> m.status() == MessageStatus.PROCESSED || m.status() == MessageStatus.REJECTED
                        || m.status() == MessageStatus.FAILED || m.status() == MessageStatus.NEEDS_MAPPING);
        assertThat(done.status()).as(done.reason()).isEqualTo(MessageStatus.PROCESSED);
        return jdbc.queryForObject("SELECT hi_rxno FROM rx_prescription WHERE hosp_rxno = ?", String.class,
                field(message, "ORC", 2));
    }

    ObjectNode envelope(String msgid, ObjectNode input, String cainfo) {
        ObjectNode e = PlatformJson.object();
        e.put("infno", "7101");
        e.put("msgid", msgid);
        e.put("mdtrtarea_admvs", "330100");
        e.put("insuplc_admdvs", "330100");
        e.put("recer_sys_code", "YBXT");
        e.put("infver", "V1.0");
        e.put("opter_type", "1");
        e.put("inf_time", "2026-11-30 10:00:00");
        e.put("fixmedins_code", "H33010000001");
        e.put("fixmedins_name", "Demo East First People's Hospital");
        if (cainfo != null) {
            e.put("cainfo", cainfo);
            e.put("signtype", "SM2");
        }
        e.set("input", input);
        return e;
    }

    JsonNode callService(ObjectNode envelope) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(BASE_URL + "/fsi/api/callService"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(PlatformJson.write(envelope), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformJson.MAPPER.readTree(r.body());
    }

    BigDecimal balance() {
        return jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                "33010000000000000001");
    }

    String status(String hiRxno) {
        return jdbc.queryForObject("SELECT status FROM rx_prescription WHERE hi_rxno = ?", String.class, hiRxno);
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(TestAuth.as(TestAuth.AUDITOR,
                HttpRequest.newBuilder(URI.create(BASE_URL + path))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformJson.MAPPER.readTree(r.body());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(TestAuth.as(TestAuth.OPERATOR, HttpRequest.newBuilder(URI.create(BASE_URL + path)))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("insurebridge-rxsettle-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
