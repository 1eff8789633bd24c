package io.insurebridge.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.inbound.hl7.QueueSender;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison messages and the known trap (traps.md): a message that always fails is redelivered with back-off a
 * bounded number of times, lands in the dead-letter store without blocking the messages behind it on the same
 * queue, and is re-driven through the API once its cause is repaired; a processing failure after storage is
 * answered AE ("pending"), never AA.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.broker.max-delivery-attempts=3",
        "insurebridge.broker.redelivery-delay-ms=200",
        "insurebridge.broker.redelivery-multiplier=2",
        "insurebridge.platform.timeout=6s",
        "insurebridge.hl7.reply-timeout=15s"})
class DeadLetterAndFailureAckTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "dead-letters", MLLP_PORT);
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;
    @Autowired ProducerTemplate producer;
    @Autowired CamelContext camel;
    @LocalServerPort int httpPort;

    final HttpClient http = HttpClient.newHttpClient();

    static String a04(String controlId, String visitNo) {
        return String.join("\r",
                "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||ADT^A04^ADT_A01|" + controlId
                        + "|P|2.5.1||||||UNICODE UTF-8",
                "EVN|A04|20261130100000", "PID|1||330102199211030222^^^^ID||李娜||19921103|F",
                "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo,
                "ZIN|02|330102199211030222||||11") + "\r";
    }

    static String a08(String controlId) {
        return a04(controlId, "V-DL-8").replace("ADT^A04^ADT_A01", "ADT^A08^ADT_A01").replace("EVN|A04", "EVN|A08");
    }

    @Test
    void poisonMessageIsDeadLetteredWithoutBlockingTheQueueAndIsRedriven() throws Exception {
        long missingId = 900_000 + System.nanoTime() % 1000;
        long started = System.nanoTime();
        // a message whose stored row does not exist: processing fails on every delivery
        producer.sendBodyAndHeaders("jms:queue:inbound.registration", ExchangePattern.InOnly, a08("DL-POISON-1"),
                Map.of(QueueSender.HEADER_MESSAGE_ID, missingId, QueueSender.HEADER_CONNECTOR, "demo-hospital",
                        QueueSender.HEADER_MESSAGE_TYPE, "ADT^A08"));

        // the queue keeps flowing behind it: registrations on the same queue are processed while the poison waits
        int behind = 5;
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            for (int i = 1; i <= behind; i++) {
                String ack = his.send(a04("DL-A04-" + i, "V-DL-1" + i), StandardCharsets.UTF_8);
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
            }
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE control_id LIKE 'DL-A04-%' AND status = ?",
                Long.class, MessageStatus.PROCESSED.name())).isEqualTo(behind);

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters("inbound.registration") == 1);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT id, delivery_count, reason, status, dead_queue FROM dead_letters WHERE original_queue = ?",
                "inbound.registration");
        long id = ((Number) row.get("id")).longValue();
        assertThat(row.get("status")).isEqualTo("DEAD");
        assertThat(row.get("dead_queue")).isEqualTo("DLQ.inbound.registration");
        assertThat((String) row.get("reason")).contains("no message #" + missingId);
        // three attempts with back-off 200 ms then 400 ms between them
        assertThat(elapsedMs).isGreaterThanOrEqualTo(600);

        JsonNode list = getJson("/api/dead-letters?status=DEAD");
        assertThat(list.get("dead").asLong()).isEqualTo(1);
        assertThat(list.get("items").get(0).get("originalQueue").asText()).isEqualTo("inbound.registration");
        assertThat(list.get("items").get(0).has("body")).isFalse();
        JsonNode one = getJson("/api/dead-letters/" + id);
        assertThat(one.get("body").asText()).contains("DL-POISON-1");
        assertThat(one.get("headers").get(QueueSender.HEADER_MESSAGE_ID).asText()).isEqualTo(String.valueOf(missingId));

        // repair the cause (the stored row appears), then re-drive: processed and answered AA in the store
        jdbc.update("INSERT INTO messages (id, connector, protocol, sending_app, sending_facility, control_id, "
                + "message_type, hl7_version, charset, status, raw, received_at, updated_at) VALUES "
                + "(?, 'demo-hospital', 'HL7v2', 'HIS', 'H33010000001', 'DL-POISON-1', 'ADT^A08', '2.5.1', 'UTF-8', "
                + "'QUEUED', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", missingId, a08("DL-POISON-1"));
        assertThat(post("/api/dead-letters/" + id + "/retry").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(missingId).orElseThrow().status()
                == MessageStatus.PROCESSED);
        assertThat(store.find(missingId).orElseThrow().ackCode()).isEqualTo("AA");
        assertThat(getJson("/api/dead-letters/" + id).get("status").asText()).isEqualTo("RETRIED");
        assertThat(post("/api/dead-letters/" + id + "/retry").statusCode()).isEqualTo(409);
        assertThat(post("/api/dead-letters/987654321/retry").statusCode()).isEqualTo(404);
        System.out.printf("poison message: dead-lettered after %d ms (3 attempts), %d messages behind it processed, "
                + "re-driven, processed%n", elapsedMs, behind);
    }

    @Test
    void processingFailureAfterStorageIsNeverAa() throws Exception {
        // the settlement node is unreachable: its consumers are stopped
        camel.getRouteController().stopRoute("node-eligibility");
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            String ack = his.send(a04("DL-A04-NODE-DOWN", "V-DL-2"), StandardCharsets.UTF_8);
            assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AE");
            assertThat(ack).contains("PENDING").doesNotContain("MSA|AA");
            long id = jdbc.queryForObject("SELECT id FROM messages WHERE control_id = ?", Long.class,
                    "DL-A04-NODE-DOWN");
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
            assertThat(store.find(id).orElseThrow().ackCode()).isEqualTo("AE");

            // the node is back and the HIS sends the same message again: the re-ask reaches the processing
            // (it is not dropped as a broker duplicate) and the HIS gets the result
            camel.getRouteController().startRoute("node-eligibility");
            String again = his.send(a04("DL-A04-NODE-DOWN", "V-DL-2"), StandardCharsets.UTF_8);
            assertThat(field(again, "MSA", 1)).as(again).isEqualTo("AA");
            assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PROCESSED);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE control_id = ?", Integer.class,
                    "DL-A04-NODE-DOWN")).isEqualTo(1);
        } finally {
            if (!camel.getRouteController().getRouteStatus("node-eligibility").isStarted()) {
                camel.getRouteController().startRoute("node-eligibility");
            }
        }
    }

    @Test
    void aMessageStoredButNeverHandedOnIsReDrivenByTheHisResend() throws Exception {
        String raw = a04("DL-A04-ORPHAN", "V-DL-3");
        // what a crash between the store and the queue leaves behind: the row, nothing queued, no answer
        long id = store.insertAccepted(new io.insurebridge.store.InboundMessage("demo-hospital", "HL7v2", "HIS",
                "H33010000001", "INSUREBRIDGE", "NHSA", "DL-A04-ORPHAN", "ADT^A04^ADT_A01", "2.5.1", "UTF-8", raw));
        jdbc.update("UPDATE messages SET updated_at = ? WHERE id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(600)), id);
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            String ack = his.send(raw, StandardCharsets.UTF_8);
            assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        }
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PROCESSED);
        assertThat(store.hops(id)).extracting(io.insurebridge.store.StoredMessage.Hop::hop).contains("recovered");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE control_id = ?", Integer.class,
                "DL-A04-ORPHAN")).isEqualTo(1);

        // one just stored (its front door may still be at work) is not taken over: "in progress"
        String fresh = a04("DL-A04-FRESH", "V-DL-4");
        long freshId = store.insertAccepted(new io.insurebridge.store.InboundMessage("demo-hospital", "HL7v2", "HIS",
                "H33010000001", "INSUREBRIDGE", "NHSA", "DL-A04-FRESH", "ADT^A04^ADT_A01", "2.5.1", "UTF-8", fresh));
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            String ack = his.send(fresh, StandardCharsets.UTF_8);
            assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AE");
            assertThat(ack).contains("being processed");
        }
        assertThat(store.find(freshId).orElseThrow().status()).isEqualTo(MessageStatus.RECEIVED);
    }

    private long deadLetters(String queue) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE original_queue = ?", Long.class, queue);
        return n == null ? 0 : n;
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = http.send(TestAuth.as(TestAuth.AUDITOR,
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(TestAuth.as(TestAuth.OPERATOR,
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
