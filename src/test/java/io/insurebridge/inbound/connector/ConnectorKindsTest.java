package io.insurebridge.inbound.connector;

import io.insurebridge.inbound.connector.delivery.ConnectorOutbox;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every connector kind against a real counterpart started here (MLLP server, HTTP server, JMS queue, folders),
 * each connector added as a file while the application runs; a malformed file refused while the others keep
 * running; a removed connector drained and stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.processing.enabled=false",
        "insurebridge.connectors.reload-interval=200ms",
        "insurebridge.connectors.drain-timeout=20s"})
class ConnectorKindsTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final AtomicInteger SEQ = new AtomicInteger();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "connectors", MLLP_PORT);
    }

    @Autowired ConnectorRegistry registry;
    @Autowired ConnectorRoutes routes;
    @Autowired ConnectorOutbox outbox;
    @Autowired JmsTemplate jms;
    @Autowired CamelContext camel;
    @Autowired ConnectorCounters counters;
    @LocalServerPort int httpPort;

    static Path work;

    static Path work() throws IOException {
        if (work == null) {
            work = Files.createTempDirectory("connector-kinds-");
        }
        return work;
    }

    @AfterAll
    static void cleanUp() throws IOException {
        if (work != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(work);
        }
    }

    /** Written under another name and renamed, as the guide recommends: the watcher never sees half a file. */
    void connectorFile(String file, String yaml) throws IOException {
        Path tmp = registry.directory().resolve(file + ".tmp");
        Files.writeString(tmp, yaml);
        Files.move(tmp, registry.directory().resolve(file), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    ConnectorStatus status(String name) {
        return routes.status().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    void awaitStarted(String name) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ConnectorStatus s = status(name);
            assertThat(s).as(name).isNotNull();
            assertThat(s.state()).as(s.toString()).isEqualTo(ConnectorState.STARTED);
        });
    }

    static String hl7(String controlId) {
        return "MSH|^~\\&|INSUREBRIDGE|NHSA|PHARM|P33010000001|20261130120000||RDE^O11^RDE_O11|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8\rORC|NW|RX-" + controlId + "\r";
    }

    static String registration(String controlId) {
        return String.join("\r",
                "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||ADT^A04^ADT_A01|" + controlId
                        + "|P|2.5.1||||||UNICODE UTF-8",
                "EVN|A04|20261130100000", "PID|1||330102198001150117^^^^ID||张伟||19800115|M",
                "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||V-" + controlId,
                "ZIN|02|330102198001150117||||11") + "\r";
    }

    @Test
    void folderDropGoesThroughTheIntakeAndIsMovedWithItsAcks() throws Exception {
        Path in = Files.createDirectories(work().resolve("his-export"));
        connectorFile("his-batch.yaml", """
                kind: hl7-file-inbound
                institution: H33010000001
                directory: %s
                poll-interval-ms: 200
                """.formatted(in));
        awaitStarted("his-batch");

        String batch = "FHS|^~\\&|HIS\rBHS|^~\\&|HIS\r" + registration("FILE-1") + registration("FILE-2") + "BTS|2\rFTS|1\r";
        Files.writeString(in.resolve("batch-1.hl7"), batch, StandardCharsets.UTF_8);
        Path ack = in.resolve("done/batch-1.hl7.ack");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(in.resolve("done/batch-1.hl7")));
        String acks = Files.readString(ack);
        assertThat(acks.split("MSA\\|AA\\|", -1)).hasSize(3);
        assertThat(acks).contains("MSA|AA|FILE-1|").contains("MSA|AA|FILE-2|");

        Files.writeString(in.resolve("bad.hl7"), registration("FILE-3").replace("2.5.1", "9.9"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(in.resolve("error/bad.hl7")));
        assertThat(Files.readString(in.resolve("error/bad.hl7.ack"))).contains("MSA|AR|FILE-3|");

        ConnectorStatus s = status("his-batch");
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.rejected()).isEqualTo(1);
    }

    @Test
    void mllpSenderDeliversRetriesTimeoutsAndDeadLettersRefusals() throws Exception {
        try (FakeMllpServer pharmacy = new FakeMllpServer((message, seen) -> {
            if (message.contains("REFUSE")) {
                return FakeMllpServer.ack(message, "AE", "unknown drug code");
            }
            if (message.contains("SLOW") && seen == 0) {
                return null;   // first attempt times out
            }
            return FakeMllpServer.ack(message, "AA", "ok");
        })) {
            connectorFile("pharmacy-mllp.yaml", """
                    kind: hl7-mllp-outbound
                    pharmacy: P33010000001
                    host: 127.0.0.1
                    port: %d
                    ack-timeout-ms: 500
                    max-retries: 3
                    retry-delay-ms: 100
                    """.formatted(pharmacy.port()));
            awaitStarted("pharmacy-mllp");

            outbox.send("pharmacy-mllp", hl7("OUT-1"), Map.of());
            outbox.send("pharmacy-mllp", hl7("OUT-SLOW"), Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> status("pharmacy-mllp").delivered() == 2);
            assertThat(pharmacy.received).filteredOn(m -> m.contains("OUT-SLOW")).hasSize(2);
            assertThat(status("pharmacy-mllp").errors()).isEqualTo(1);

            outbox.send("pharmacy-mllp", hl7("OUT-REFUSE"), Map.of());
            jms.setReceiveTimeout(20_000);
            Object dead = jms.receiveAndConvert("connector.pharmacy-mllp.DLQ");
            assertThat(String.valueOf(dead)).contains("OUT-REFUSE");
            assertThat(pharmacy.received).filteredOn(m -> m.contains("OUT-REFUSE")).hasSize(1);   // never retried
            ConnectorStatus s = status("pharmacy-mllp");
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(s.lastError()).contains("AE").contains("unknown drug code");
        }
    }

    @Test
    void httpSenderPostsJsonRetries5xxAndDeadLetters4xx() throws Exception {
        try (FakeHttpServer agency = new FakeHttpServer((body, seen) ->
                body.contains("bad") ? 400 : body.contains("flaky") && seen == 0 ? 503 : 200)) {
            connectorFile("agency-http.yaml", """
                    kind: http-outbound
                    institution: H33010000001
                    url: %s
                    headers:
                      X-Agency-Token: t0k3n
                    max-retries: 2
                    retry-delay-ms: 100
                    """.formatted(agency.url("/records")));
            awaitStarted("agency-http");

            outbox.send("agency-http", "{\"setl_id\":\"S1\"}", Map.of());
            outbox.send("agency-http", "{\"setl_id\":\"flaky\"}", Map.of());
            await().atMost(Duration.ofSeconds(20)).until(() -> status("agency-http").delivered() == 2);
            assertThat(agency.received).first().satisfies(r -> {
                assertThat(r.path()).isEqualTo("/records");
                assertThat(r.contentType()).startsWith("application/json");
                assertThat(r.token()).isEqualTo("t0k3n");
                assertThat(r.body()).isEqualTo("{\"setl_id\":\"S1\"}");
            });
            assertThat(agency.received).filteredOn(r -> r.body().contains("flaky")).hasSize(2);

            outbox.send("agency-http", "{\"setl_id\":\"bad\"}", Map.of());
            jms.setReceiveTimeout(20_000);
            assertThat(String.valueOf(jms.receiveAndConvert("connector.agency-http.DLQ"))).contains("bad");
            assertThat(agency.received).filteredOn(r -> r.body().contains("bad")).hasSize(1);
            assertThat(status("agency-http").lastError()).contains("400");
        }
    }

    @Test
    void jmsAndFileSendersDeliver() throws Exception {
        connectorFile("stats-jms.yaml", """
                kind: jms-outbound
                queue: statistics.records
                """);
        Path out = work().resolve("supervision-out");
        connectorFile("supervision-file.yaml", """
                kind: file-outbound
                directory: %s
                file-name: "record-${header.recordId}.json"
                """.formatted(out));
        awaitStarted("stats-jms");
        awaitStarted("supervision-file");

        outbox.send("stats-jms", "{\"n\":1}", Map.of());
        jms.setReceiveTimeout(20_000);
        assertThat(jms.receiveAndConvert("statistics.records")).isEqualTo("{\"n\":1}");

        outbox.send("supervision-file", "{\"n\":2}", Map.of("recordId", "R7"));
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(out.resolve("record-R7.json")));
        assertThat(Files.readString(out.resolve("record-R7.json"))).isEqualTo("{\"n\":2}");
        await().until(() -> status("supervision-file").delivered() == 1);
    }

    @Test
    void malformedFileIsRefusedWithFileKeyAndWhyWhileOthersKeepRunning() throws Exception {
        connectorFile("broken.yaml", """
                kind: http-outbound
                url: ftp://nowhere
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.refused().stream()
                .anyMatch(r -> r.file().equals("broken.yaml")));
        assertThat(registry.refused()).filteredOn(r -> r.file().equals("broken.yaml")).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("broken.yaml: key 'url': 'ftp://nowhere' does not match https?://.+"));
        assertThat(status("broken")).isNull();

        // a valid connector changed into an invalid one keeps its previous version running
        connectorFile("steady-jms.yaml", "kind: jms-outbound\nqueue: steady.out\n");
        awaitStarted("steady-jms");
        connectorFile("steady-jms.yaml", "kind: jms-outbound\nqueue: steady.out\nconcurrency: lots\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> registry.refused().stream()
                .anyMatch(r -> r.file().equals("steady-jms.yaml")));
        assertThat(registry.refused()).filteredOn(r -> r.file().equals("steady-jms.yaml")).singleElement()
                .satisfies(r -> assertThat(r.error()).isEqualTo("steady-jms.yaml: key 'concurrency': 'lots' is not a whole number"));
        assertThat(status("steady-jms").state()).isEqualTo(ConnectorState.STARTED);
        outbox.send("steady-jms", "still here", Map.of());
        jms.setReceiveTimeout(20_000);
        assertThat(jms.receiveAndConvert("steady.out")).isEqualTo("still here");

        // and the demo hospital's listener was never touched
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 20_000)) {
            assertThat(field(his.send(registration("KEEP-1"), StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AA");
        }

        String api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/connectors")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(api).contains("\"name\":\"demo-hospital\"").contains("\"state\":\"STARTED\"")
                .contains("broken.yaml: key 'url'");
        Files.delete(registry.directory().resolve("broken.yaml"));
    }

    @Test
    void removedConnectorIsDrainedThenStopped() throws Exception {
        try (FakeMllpServer slow = new FakeMllpServer((m, seen) -> FakeMllpServer.ack(m, "AA", "ok"))) {
            slow.answerDelay(1500);
            connectorFile("leaving.yaml", """
                    kind: hl7-mllp-outbound
                    host: 127.0.0.1
                    port: %d
                    """.formatted(slow.port()));
            awaitStarted("leaving");
            String routeId = status("leaving").routeId();
            outbox.send("leaving", hl7("DRAIN-1"), Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.received.size() == 1);

            Files.delete(registry.directory().resolve("leaving.yaml"));   // while DRAIN-1 waits for its ACK
            await().atMost(Duration.ofSeconds(20)).until(() -> camel.getRoute(routeId) == null);
            assertThat(status("leaving")).isNull();
            assertThat(counters.snapshot("leaving").delivered()).as("the in-flight message finished").isEqualTo(1);
            jms.setReceiveTimeout(500);
            assertThat(jms.receiveAndConvert("connector.leaving.DLQ")).isNull();
            assertThat(jms.receiveAndConvert("connector.leaving")).isNull();
        }
    }

    @Test
    void followsTheGuide() throws Exception {
        Map<String, String> examples = GuideExamples.read(Path.of("docs/connectors.md"));
        assertThat(examples.keySet()).containsExactly("city-hospital.yaml", "city-hospital-batch.yaml",
                "pharmacy-east.yaml", "agency-supervision.yaml", "statistics-feed.yaml", "archive-export.yaml",
                "city-hospital-fhir.yaml", "peer-330200.yaml");
        int listenPort = AppTestSupport.freePort();
        Path batchDir = work().resolve("guide-his-export");
        Path archive = work().resolve("guide-archive");
        try (FakeMllpServer pharmacy = new FakeMllpServer((m, seen) -> FakeMllpServer.ack(m, "AA", "ok"));
             FakeHttpServer agency = new FakeHttpServer((body, seen) -> 200)) {
            // only addresses, ports and folders change: the test's own counterparts instead of the guide's
            Map<String, String> ours = Map.of(
                    "port: 2576", "port: " + listenPort,
                    "/var/insurebridge/his-export", batchDir.toString(),
                    "host: pharmacy-east.example\nport: 2590", "host: 127.0.0.1\nport: " + pharmacy.port(),
                    "https://supervision.example/api/records", agency.url("/api/records"),
                    "/var/insurebridge/archive", archive.toString());
            for (Map.Entry<String, String> e : examples.entrySet()) {
                String yaml = e.getValue();
                for (Map.Entry<String, String> r : ours.entrySet()) {
                    yaml = yaml.replace(r.getKey(), r.getValue());
                }
                connectorFile(e.getKey(), yaml);
            }
            for (String wired : new String[] {"city-hospital", "city-hospital-batch", "pharmacy-east",
                    "agency-supervision", "statistics-feed", "archive-export", "peer-330200"}) {
                awaitStarted(wired);
            }
            for (String schemaOnly : new String[] {"city-hospital-fhir"}) {
                assertThat(status(schemaOnly).state()).isEqualTo(ConnectorState.STOPPED);
                assertThat(status(schemaOnly).detail()).contains("no route template");
            }

            try (MllpClient his = new MllpClient("127.0.0.1", listenPort, 20_000)) {
                assertThat(field(his.send(registration("GUIDE-1"), StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AA");
            }
            Files.writeString(batchDir.resolve("guide.hl7"), registration("GUIDE-2"));
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(batchDir.resolve("done/guide.hl7.ack")));

            jms.convertAndSend("connector.pharmacy-east", hl7("GUIDE-3"));
            jms.convertAndSend("connector.agency-supervision", "{\"guide\":4}");
            jms.convertAndSend("connector.statistics-feed", "{\"guide\":5}");
            jms.convertAndSend("connector.archive-export", "{\"guide\":6}", m -> {
                m.setStringProperty("recordId", "G6");
                return m;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> pharmacy.received.stream().anyMatch(m -> m.contains("GUIDE-3")));
            await().atMost(Duration.ofSeconds(20)).until(() -> agency.received.stream()
                    .anyMatch(r -> r.body().equals("{\"guide\":4}") && r.token().equals("change-me")));
            jms.setReceiveTimeout(20_000);
            assertThat(jms.receiveAndConvert("statistics.records")).isEqualTo("{\"guide\":5}");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(archive.resolve("record-G6.json")));
            assertThat(Files.readString(archive.resolve("record-G6.json"))).isEqualTo("{\"guide\":6}");
        } finally {
            for (String file : examples.keySet()) {
                Files.deleteIfExists(registry.directory().resolve(file));
            }
            routes.reload();
        }
    }

    @Test
    void cliSendsAFolderOverMllpAndReplaysThroughTheApi() throws Exception {
        Path folder = Files.createDirectories(work().resolve("cli-send"));
        Files.writeString(folder.resolve("1-ok.hl7"), registration("CLI-1") + "\n" + registration("CLI-2"));
        Files.writeString(folder.resolve("2-bad.hl7"), registration("CLI-3").replace("2.5.1", "9.9"));
        io.insurebridge.cli.CliTest.Run ok = io.insurebridge.cli.CliTest.cli("send", "--host", "127.0.0.1", "--port",
                String.valueOf(MLLP_PORT), "-q", folder.resolve("1-ok.hl7").toString());
        assertThat(ok.exit()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("1-ok.hl7 CLI-1 -> AA accepted as #").contains("1-ok.hl7 CLI-2 -> AA");

        io.insurebridge.cli.CliTest.Run both = io.insurebridge.cli.CliTest.cli("send", "--host", "127.0.0.1",
                "--port", String.valueOf(MLLP_PORT), folder.toString());
        assertThat(both.exit()).isEqualTo(1);
        assertThat(both.out()).contains("2-bad.hl7 CLI-3 -> AR").contains("MSA|AR|CLI-3");

        String base = "http://127.0.0.1:" + httpPort;
        io.insurebridge.cli.CliTest.Run replay = io.insurebridge.cli.CliTest.cli("replay", "--url", base,
                "--status", "QUEUED", "--limit", "1", "--dead-letter", "42");
        assertThat(replay.out()).contains("filter matched 1 message(s)")
                .contains("-> HTTP 409").contains("can be re-driven")     // accepted and queued: never twice
                .contains("dead letter 42 -> HTTP 404");
        assertThat(replay.exit()).isEqualTo(1);
    }
}
