package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
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

import java.util.concurrent.CopyOnWriteArrayList;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-prescriptions from HL7 RDE^O11 over a real MLLP socket through the real queues, the settlement node's 7101-7104
 * and the product's own pharmacy desk over real HTTP (connector pharmacy-http), plus a pharmacy-file connector.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, classes = {io.insurebridge.InsureBridgeApplication.class,
        PrescriptionCirculationEndToEndTest.RecordedEvents.class})
class PrescriptionCirculationEndToEndTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final int HTTP_PORT = AppTestSupport.freePort();
    static final Path BASE = tempDir();
    static final Path FILE_DROP = BASE.resolve("pharmacy-2-inbox");
    static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final String DESK_1 = "http://127.0.0.1:" + HTTP_PORT + "/pharmacy/api/P33010000001/prescriptions";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        // like AppTestSupport.register, but with pharmacy connectors and a known HTTP port they can point at
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
                url: %s
                """.formatted(DESK_1));
        Files.writeString(connectors.resolve("pharmacy-east-2.yaml"), """
                kind: pharmacy-file
                pharmacy: P33010000002
                directory: %s
                """.formatted(FILE_DROP.toString().replace('\\', '/')));
        io.insurebridge.support.TestAuth.writeFhirClient(connectors);
        registry.add("insurebridge.connectors-dir", connectors::toString);
        registry.add("server.port", () -> String.valueOf(HTTP_PORT));
    }

    /** Stands in for the fan-out's subscriber: what circulation published. */
    @TestConfiguration
    static class RecordedEvents {
        static final List<PrescriptionEvent> EVENTS = new CopyOnWriteArrayList<>();

        @Bean
        PrescriptionEvents recordingPrescriptionEvents() {
            return EVENTS::add;
        }
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;
    @Autowired PrescriptionCirculation circulation;
    @Autowired SigningKeys keys;

    final HttpClient http = HttpClient.newHttpClient();

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void chosenPharmacyReceivesVerifiesReviewsAndDispensesThenCancelIsRefused() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-E2E-1", "D330100000001", "P33010000001", "YP0001", now(), 3));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(hiRxno).equals("REVIEWED"));
        JsonNode shown = get("/api/prescriptions/" + hiRxno);
        assertThat(shown.path("hospRxno").asText()).isEqualTo("RX-E2E-1");
        assertThat(shown.path("chosenPharmacy").asText()).isEqualTo("P33010000001");
        assertThat(events(shown)).contains("UPLOADED", "QUEUED", "REVIEWED");
        await().atMost(Duration.ofSeconds(10)).until(() -> events(get("/api/prescriptions/" + hiRxno)).contains("SENT"));

        // what the pharmacy received verifies against the signer's key, and says what the hospital prescribed
        String payload = jdbc.queryForObject("SELECT payload FROM pharmacy_desk_rx WHERE pharmacy_code = ? AND hi_rxno = ?",
                String.class, "P33010000001", hiRxno);
        SignedPrescription.Verification verified = SignedPrescription.verify(payload, keys);
        assertThat(verified.valid()).isTrue();
        JsonNode sent = PlatformJson.MAPPER.readTree(payload);
        assertThat(sent.path("signtype").asText()).isEqualTo("SM2");
        assertThat(sent.path("sign_key_id").asText()).isEqualTo(keys.keyId())
                .isEqualTo(get("/api/prescriptions/signing-key").path("keyId").asText());
        JsonNode rx = sent.path("rx");
        assertThat(rx.path("hi_rxno").asText()).isEqualTo(hiRxno);
        assertThat(rx.path("rx_trace_code").asText()).isEqualTo(shown.path("rxTraceCode").asText()).startsWith("T");
        assertThat(rx.path("institution").path("fixmedins_code").asText()).isEqualTo("H33010000001");
        assertThat(rx.path("doctor").path("dr_code").asText()).isEqualTo("D330100000001");
        assertThat(rx.path("diagnoses").get(0).path("diag_code").asText()).isEqualTo("I10.x00");
        assertThat(rx.path("drugs").get(0).path("med_list_codg").asText()).isEqualTo("XC08CAA148A001000000001");
        assertThat(rx.path("drugs").get(0).path("drug_cnt").decimalValue()).isEqualByComparingTo("2");
        assertThat(payload).doesNotContain("330102198001150117").doesNotContain("张伟");
        // the platform's own view (7105)
        assertThat(get("/api/prescriptions/" + hiRxno + "?platform=true").path("platform").path("rx_stas").asText())
                .isEqualTo("REVIEWED");

        HttpResponse<String> dispensed = post(DESK_1 + "/" + hiRxno + "/dispense", "");
        assertThat(dispensed.statusCode()).as(dispensed.body()).isEqualTo(200);
        assertThat(status(hiRxno)).isEqualTo("DISPENSED");

        HttpResponse<String> cancel = post("http://127.0.0.1:" + HTTP_PORT + "/api/prescriptions/" + hiRxno + "/cancel",
                "{\"reason\":\"patient changed mind\"}");
        assertThat(cancel.statusCode()).isEqualTo(409);
        assertThat(cancel.body()).contains("already dispensed");
        assertThat(status(hiRxno)).isEqualTo("DISPENSED");
        assertThat(jdbc.queryForObject("SELECT status FROM node_prescription WHERE hi_rxno = ?", String.class, hiRxno))
                .isEqualTo("DISPENSED");
        // the fan-out to agencies got the prescription's events once each, through its outbox
        assertThat(jdbc.queryForList("SELECT event_id FROM fanout_outbox WHERE event_type = 'prescription' "
                + "AND event_id LIKE ?", String.class, "rx-" + hiRxno + "-%"))
                .contains("rx-" + hiRxno + "-prescription.uploaded", "rx-" + hiRxno + "-prescription.dispensed")
                .doesNotHaveDuplicates();
    }

    @Test
    void aFhirMedicationRequestTakesTheSameCirculationToTheChosenPharmacy() throws Exception {
        HttpResponse<String> created = http.send(io.insurebridge.support.TestAuth.fhir(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + HTTP_PORT + "/fhir/MedicationRequest")))
                .header("Content-Type", "application/fhir+json; charset=UTF-8")
                .timeout(Duration.ofSeconds(240))
                .POST(HttpRequest.BodyPublishers.ofString(
                        io.insurebridge.inbound.fhir.FhirResources.medicationRequest("RX-FHIR-E2E", "YP0001"),
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String hiRxno = jdbc.queryForObject("SELECT hi_rxno FROM rx_prescription WHERE hosp_rxno = ?", String.class,
                "RX-FHIR-E2E");
        assertThat(created.body()).contains(hiRxno);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(hiRxno).equals("REVIEWED"));
        String payload = jdbc.queryForObject("SELECT payload FROM pharmacy_desk_rx WHERE pharmacy_code = ? AND hi_rxno = ?",
                String.class, "P33010000001", hiRxno);
        assertThat(SignedPrescription.verify(payload, keys).valid()).isTrue();
        assertThat(PlatformJson.MAPPER.readTree(payload).path("rx").path("drugs").get(0).path("med_list_codg").asText())
                .isEqualTo("XC08CAA148A001000000001");
    }

    @Test
    void hospitalCancelsBeforeDispensingAndThePharmacyCanNoLongerDispense() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-E2E-2", "D330100000001", "P33010000001", "YP0002", now(), 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(hiRxno).equals("REVIEWED"));

        HttpResponse<String> cancel = post("http://127.0.0.1:" + HTTP_PORT + "/api/prescriptions/" + hiRxno + "/cancel",
                "{\"reason\":\"wrong drug\"}");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(status(hiRxno)).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT status FROM node_prescription WHERE hi_rxno = ?", String.class, hiRxno))
                .isEqualTo("CANCELLED");

        HttpResponse<String> dispensed = post(DESK_1 + "/" + hiRxno + "/dispense?delivery=true", "");
        assertThat(dispensed.statusCode()).isEqualTo(409);
        assertThat(dispensed.body()).contains("cancelled by the hospital");
        assertThat(status(hiRxno)).isEqualTo("CANCELLED");
        assertThat(RecordedEvents.EVENTS).anyMatch(e -> e.type().equals("prescription.cancelled")
                && hiRxno.equals(e.hiRxno()));
    }

    @Test
    void aChangedByteIsRefusedByThePharmacyAndReportedToSupervision() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-E2E-3", "D330100000001", "P33010000001", "YP0004", now(), 3));
        String signed = jdbc.queryForObject("SELECT signed_payload FROM rx_prescription WHERE hi_rxno = ?", String.class,
                hiRxno);
        assertThat(SignedPrescription.verify(signed, keys).valid()).isTrue();
        // one byte: quantity 2 -> 9
        assertThat(signed).contains("\"drug_cnt\":2");
        String tampered = signed.replace("\"drug_cnt\":2", "\"drug_cnt\":9");

        HttpResponse<String> refused = post("http://127.0.0.1:" + HTTP_PORT
                + "/pharmacy/api/P33010000002/prescriptions", tampered);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("signature does not verify");

        JsonNode reports = get("/api/prescriptions/tamper-reports");
        assertThat(reports.findValuesAsText("hi_rxno")).contains(hiRxno);
        assertThat(RecordedEvents.EVENTS).anyMatch(e -> e.type().equals(PrescriptionEvent.TAMPERED)
                && hiRxno.equals(e.hiRxno()) && "P33010000002".equals(e.pharmacyCode()));
        assertThat(events(get("/api/prescriptions/" + hiRxno))).contains("TAMPERED");
        // the tampered copy never reached the pharmacy's inbox
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pharmacy_desk_rx WHERE pharmacy_code = ? AND hi_rxno = ?",
                Integer.class, "P33010000002", hiRxno)).isZero();

        // a signature by an unknown key (a forgery) is refused too
        ObjectNode body = (ObjectNode) PlatformJson.MAPPER.readTree(signed).path("rx");
        SigningKeys forger = new SigningKeys(new SigningProperties(null, null, null), BASE.resolve("forger"));
        HttpResponse<String> forged = post("http://127.0.0.1:" + HTTP_PORT + "/pharmacy/api/P33010000002/prescriptions",
                PlatformJson.write(SignedPrescription.sign(body, forger)));
        assertThat(forged.statusCode()).isEqualTo(422);
        assertThat(forged.body()).contains("not trusted");
    }

    @Test
    void withoutAChosenPharmacyEveryConnectedPharmacyOfTheAreaGetsIt() throws Exception {
        String hiRxno = sendAndAwaitProcessed(rde("RX-E2E-4", "D330100000001", null, "YP0003", now(), 3));
        Path dropped = FILE_DROP.resolve(hiRxno + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dropped));
        assertThat(SignedPrescription.verify(Files.readString(dropped, StandardCharsets.UTF_8), keys).valid()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> status(hiRxno).equals("REVIEWED"));
        JsonNode history = get("/api/prescriptions/" + hiRxno).path("history");
        assertThat(history.findValuesAsText("actor")).contains("pharmacy-east-1", "pharmacy-east-2");
    }

    @Test
    void unknownDoctorDoctorWithoutPointsAndNonDrugCodesAreRefusedWithAReason() throws Exception {
        StoredMessage unknown = sendAndAwaitFinal(rde("RX-E2E-5", "D330100000099", "P33010000001", "YP0001", now(), 3));
        assertThat(unknown.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(unknown.reason()).contains("doctor D330100000099 is not an insurance-agreement doctor");
        assertThat(field(unknown.ack(), "MSA", 1)).isEqualTo("AE");

        StoredMessage noPoints = sendAndAwaitFinal(rde("RX-E2E-6", "D330100000002", "P33010000001", "YP0001", now(), 3));
        assertThat(noPoints.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(noPoints.reason()).contains("has no points left");

        StoredMessage service = sendAndAwaitFinal(rde("RX-E2E-7", "D330100000001", "P33010000001", "ZL1001", now(), 3));
        assertThat(service.status()).isEqualTo(MessageStatus.REJECTED);
        assertThat(service.reason()).contains("not a drug");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_prescription WHERE hosp_rxno IN (?,?,?)",
                Integer.class, "RX-E2E-5", "RX-E2E-6", "RX-E2E-7")).isZero();
    }

    @Test
    void aPrescriptionPastItsValidityExpires() throws Exception {
        // prescribed three days ago, valid one day: the pharmacy's review refuses it, the expiry check closes it
        String hiRxno = sendAndAwaitProcessed(rde("RX-E2E-8", "D330100000001", "P33010000001", "YP0001",
                now().minusDays(3), 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> events(get("/api/prescriptions/" + hiRxno)).contains("SENT"));
        assertThat(status(hiRxno)).isEqualTo("CIRCULATED");
        assertThat(circulation.expireDue()).isGreaterThanOrEqualTo(1);
        assertThat(status(hiRxno)).isEqualTo("EXPIRED");
        assertThat(events(get("/api/prescriptions/" + hiRxno))).contains("EXPIRED");
        assertThat(post(DESK_1 + "/" + hiRxno + "/dispense", "").statusCode()).isEqualTo(409);
        assertThat(get("/api/prescriptions/" + hiRxno + "?platform=true").path("platform").path("rx_stas").asText())
                .isEqualTo("EXPIRED");
    }

    // ---------------------------------------------------------------------------------------------------------

    static LocalDateTime now() {
        return LocalDateTime.now(ZoneId.of("Asia/Shanghai"));
    }

    static String rde(String hospRxNo, String doctor, String pharmacy, String drug, LocalDateTime at, int validDays) {
        String t = HL7_TIME.format(at);
        return String.join("\r",
                "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|" + t + "||RDE^O11^RDE_O11|" + hospRxNo + "-MSG|P|2.5.1"
                        + "||||||UNICODE UTF-8",
                "PID|1||330102198001150117^^^^ID||张伟||19800115|M",
                "PV1|1|O|0101^^^^^^^^心内科门诊||||" + doctor + "^王医生||||||||||||V-" + hospRxNo,
                "ZIN|02|330102198001150117|||||||||||" + validDays + "|" + (pharmacy == null ? "" : pharmacy),
                "ORC|NW|" + hospRxNo + "|||||||" + t + "|||" + doctor + "^王医生",
                "RXE||" + drug + "^药品|5||mg|||||2|盒",
                "TQ1|1||QD|||14^d",
                "RXR|PO^口服",
                "DG1|1||I10.x00x002^原发性高血压|||A") + "\r";
    }

    String sendAndAwaitProcessed(String message) throws Exception {
        StoredMessage done = sendAndAwaitFinal(message);
        assertThat(done.status()).as(done.reason()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(field(done.ack(), "MSA", 1)).isEqualTo("AA");
        String hospRxno = field(message, "ORC", 2);
        return jdbc.queryForObject("SELECT hi_rxno FROM rx_prescription WHERE hosp_rxno = ?", String.class, hospRxno);
    }

    StoredMessage sendAndAwaitFinal(String message) throws Exception {
        String ack;
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            ack = his.send(message, StandardCharsets.UTF_8);
        }
        assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        long id = Long.parseLong(field(ack, "MSA", 3).replaceAll("\\D+", ""));
        return await().atMost(Duration.ofSeconds(30)).until(() -> store.find(id).orElseThrow(),
                m -> m.status() == MessageStatus.PROCESSED || m.status() == MessageStatus.REJECTED
                        || m.status() == MessageStatus.FAILED || m.status() == MessageStatus.NEEDS_MAPPING);
    }

    String status(String hiRxno) {
        return jdbc.queryForObject("SELECT status FROM rx_prescription WHERE hi_rxno = ?", String.class, hiRxno);
    }

    static List<String> events(JsonNode shown) {
        return shown.path("history").findValuesAsText("status");
    }

    JsonNode get(String path) throws Exception {
        HttpResponse<String> r = http.send(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PlatformJson.MAPPER.readTree(r.body());
    }

    HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.OPERATOR, HttpRequest.newBuilder(URI.create(url))).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("insurebridge-rx-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
