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

    /**
     * The same sender over TLS: a self-signed certificate made here with keytool, the counterpart a real TLS MLLP
     * server with it, the connector trusting it through its truststore key.
     */
    @Test
    void mllpSenderOverTlsDeliversRetriesTimeoutsAndDeadLettersRefusals() throws Exception {
        Path certs = Files.createDirectories(work().resolve("tls"));
        Path keystore = certs.resolve("pharmacy.p12");
        Path truststore = certs.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "pharmacy", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-keypass", "changeit");
        Path cert = certs.resolve("pharmacy.crt");
        keytool("-exportcert", "-alias", "pharmacy", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "pharmacy", "-file", cert.toString(),
                "-keystore", truststore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");

        try (FakeMllpServer pharmacy = new FakeMllpServer(FakeMllpServer.tls(keystore, "changeit"), (message, seen) -> {
            if (message.contains("REFUSE")) {
                return FakeMllpServer.ack(message, "AE", "prescription format not accepted");
            }
            if (message.contains("SLOW") && seen == 0) {
                return null;   // first attempt times out
            }
            return FakeMllpServer.ack(message, "AA", "ok");
        })) {
            connectorFile("pharmacy-tls.yaml", """
                    kind: hl7-mllp-outbound
                    pharmacy: P33010000001
                    host: 127.0.0.1
                    port: %d
                    ack-timeout-ms: 1000
                    max-retries: 3
                    retry-delay-ms: 100
                    tls:
                      enabled: true
                      truststore: file:%s
                      truststore-password: changeit
                    """.formatted(pharmacy.port(), truststore.toString().replace('\\', '/')));
            awaitStarted("pharmacy-tls");

            outbox.send("pharmacy-tls", hl7("TLS-1"), Map.of());
            outbox.send("pharmacy-tls", hl7("TLS-SLOW"), Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() -> status("pharmacy-tls").delivered() == 2);
            assertThat(pharmacy.received).filteredOn(m -> m.contains("TLS-1")).hasSize(1);
            assertThat(pharmacy.received).filteredOn(m -> m.contains("TLS-SLOW")).hasSize(2);

            outbox.send("pharmacy-tls", hl7("TLS-REFUSE"), Map.of());
            jms.setReceiveTimeout(30_000);
            assertThat(String.valueOf(jms.receiveAndConvert("connector.pharmacy-tls.DLQ"))).contains("TLS-REFUSE");
            assertThat(pharmacy.received).filteredOn(m -> m.contains("TLS-REFUSE")).hasSize(1);
            ConnectorStatus s = status("pharmacy-tls");
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(s.lastError()).contains("AE").contains("prescription format not accepted");
        } finally {
            Files.deleteIfExists(registry.directory().resolve("pharmacy-tls.yaml"));
        }
    }

    static void keytool(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool " + String.join(" ", args) + ": " + out).isZero();
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

    /**
     * Faults (issue 10): a dead counterpart (connection refused) and a slow one (2 s per answer) while a third
     * connector's traffic flows untouched; when the dead one comes back on its port every message is delivered
     * exactly once, none dead-lettered.
     */
    @Test
    void deadAndSlowCounterpartsRecoverWithoutLossAndNeverBlockTheOthers() throws Exception {
        int labPort = AppTestSupport.freePort();   // nothing listens here yet
        connectorFile("lab-http.yaml", """
                kind: http-outbound
                institution: H33010000001
                url: http://127.0.0.1:%d/results
                max-retries: 60
                retry-delay-ms: 200
                backoff-multiplier: 1.5
                max-retry-delay-ms: 1000
                timeout-ms: 3000
                """.formatted(labPort));
        try (FakeHttpServer slow = new FakeHttpServer(0, 2000, (body, seen) -> 200)) {
            connectorFile("slow-http.yaml", """
                    kind: http-outbound
                    institution: H33010000001
                    url: %s
                    timeout-ms: 10000
                    """.formatted(slow.url("/slow")));
            connectorFile("fast-jms.yaml", """
                    kind: jms-outbound
                    queue: fast.records
                    """);
            awaitStarted("lab-http");
            awaitStarted("slow-http");
            awaitStarted("fast-jms");

            int down = 20;
            for (int i = 1; i <= down; i++) {
                outbox.send("lab-http", "{\"lab\":" + i + "}", Map.of());
            }
            for (int i = 1; i <= 3; i++) {
                outbox.send("slow-http", "{\"slow\":" + i + "}", Map.of());
            }
            // the fast connector is not held up by the dead or the slow one
            jms.setReceiveTimeout(5_000);
            for (int i = 1; i <= 10; i++) {
                outbox.send("fast-jms", "{\"fast\":" + i + "}", Map.of());
            }
            for (int i = 1; i <= 10; i++) {
                assertThat(jms.receiveAndConvert("fast.records")).as("fast record " + i).isEqualTo("{\"fast\":" + i + "}");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> status("lab-http").lastError() != null);
            assertThat(status("lab-http").delivered()).isZero();
            assertThat(status("lab-http").lastError()).containsIgnoringCase("connect");

            // the lab system comes back on its port: everything waiting is delivered, once each
            try (FakeHttpServer lab = new FakeHttpServer(labPort, 0, (body, seen) -> 200)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> status("lab-http").delivered() == down);
                assertThat(lab.received).hasSize(down);
                assertThat(lab.received.stream().map(FakeHttpServer.Request::body).distinct()).hasSize(down);
                await().atMost(Duration.ofSeconds(30)).until(() -> status("slow-http").delivered() == 3);
                assertThat(slow.received).hasSize(3);
            }
            jms.setReceiveTimeout(500);
            assertThat(jms.receive("connector.lab-http.DLQ")).isNull();
            assertThat(jms.receive("connector.slow-http.DLQ")).isNull();
        } finally {
            for (String file : new String[] {"lab-http.yaml", "slow-http.yaml", "fast-jms.yaml"}) {
                Files.deleteIfExists(registry.directory().resolve(file));
            }
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

        String api = HttpClient.newHttpClient().send(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/connectors"))).build(),
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
                "pharmacy-east-desk.yaml", "pharmacy-east-queue.yaml", "pharmacy-east-drop.yaml",
                "pharmacy-west-hl7.yaml", "supervision-events.yaml", "statistics-events.yaml", "archive-events.yaml",
                "city-hospital-fhir.yaml", "peer-330200.yaml");
        // every kind but the two schema-only ones has its worked example
        assertThat(examples.values().stream().map(y -> y.lines().filter(l -> l.startsWith("kind: ")).findFirst()
                .orElseThrow().substring(6).trim()).distinct().toList())
                .containsExactlyInAnyOrderElementsOf(ConnectorKind.ALL.keySet());
        int listenPort = AppTestSupport.freePort();
        Path batchDir = work().resolve("guide-his-export");
        Path archive = work().resolve("guide-archive");
        Path pharmacyDrop = work().resolve("guide-pharmacy-drop");
        Path agencyArchive = work().resolve("guide-agency-archive");
        try (FakeMllpServer pharmacy = new FakeMllpServer((m, seen) -> FakeMllpServer.ack(m, "AA", "ok"));
             FakeMllpServer pharmacyWest = new FakeMllpServer((m, seen) -> FakeMllpServer.ack(m, "AA", "ok"));
             FakeHttpServer agency = new FakeHttpServer((body, seen) -> 200)) {
            // only addresses, ports and folders change: the test's own counterparts instead of the guide's
            Map<String, String> ours = Map.of(
                    "port: 2576", "port: " + listenPort,
                    "/var/insurebridge/his-export", batchDir.toString(),
                    "host: pharmacy-east.example\nport: 2590", "host: 127.0.0.1\nport: " + pharmacy.port(),
                    "host: pharmacy-west.example\nport: 2591", "host: 127.0.0.1\nport: " + pharmacyWest.port(),
                    "https://supervision.example/api/records", agency.url("/api/records"),
                    "https://supervision.example/api/events", agency.url("/api/events"),
                    "https://pharmacy-east.example/api/prescriptions", agency.url("/api/prescriptions"),
                    "/var/insurebridge/archive", archive.toString(),
                    "/var/insurebridge/pharmacy-drop/P33010000002", pharmacyDrop.toString(),
                    "/var/insurebridge/agency-archive", agencyArchive.toString());
            for (Map.Entry<String, String> e : examples.entrySet()) {
                String yaml = e.getValue();
                for (Map.Entry<String, String> r : ours.entrySet()) {
                    yaml = yaml.replace(r.getKey(), r.getValue());
                }
                if (!yaml.contains("kind: fhir-inbound") && !yaml.contains("kind: peer-node")) {   // schema only
                    assertThat(yaml).as(e.getKey()).doesNotContain(".example").doesNotContain("/var/insurebridge");
                }
                connectorFile(e.getKey(), yaml);
            }
            for (String wired : new String[] {"city-hospital", "city-hospital-batch", "pharmacy-east",
                    "agency-supervision", "statistics-feed", "archive-export", "pharmacy-east-desk",
                    "pharmacy-east-queue", "pharmacy-east-drop", "pharmacy-west-hl7", "supervision-events",
                    "statistics-events", "archive-events", "city-hospital-fhir", "peer-330200"}) {
                awaitStarted(wired);
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

            // pharmacies: a signed prescription for each on the circulation queue
            for (String name : new String[] {"pharmacy-east-desk", "pharmacy-east-queue", "pharmacy-east-drop",
                    "pharmacy-west-hl7"}) {
                String hiRxno = "RGUIDE" + name.hashCode();
                jms.convertAndSend("insurance.prescription", prescription(hiRxno), m -> {
                    m.setStringProperty("InsureBridgePharmacyConnector", name);
                    m.setStringProperty("InsureBridgeHiRxno", hiRxno);
                    return m;
                });
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> agency.received.stream()
                    .anyMatch(r -> r.path().equals("/api/prescriptions") && r.body().contains("RGUIDE")));
            assertThat(String.valueOf(jms.receiveAndConvert("pharmacy.P33010000001.inbox"))).contains("RGUIDE");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(
                    pharmacyDrop.resolve("RGUIDE" + "pharmacy-east-drop".hashCode() + ".json")));
            await().atMost(Duration.ofSeconds(30)).until(() -> pharmacyWest.received.stream()
                    .anyMatch(m -> m.contains("RDS^O13") && m.contains("RGUIDE")));

            // agencies: a settlement event on the topic (re-published until the durable subscriptions exist)
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                publishEvent("settlement", "GUIDE-EV-1", "{\"event_id\":\"GUIDE-EV-1\",\"event_type\":\"settlement\"}");
                return agency.received.stream().anyMatch(r -> r.path().equals("/api/events"))
                        && Files.exists(agencyArchive.resolve("GUIDE-EV-1.json"));
            });
            assertThat(String.valueOf(jms.receiveAndConvert("agency.statistics.events"))).contains("GUIDE-EV-1");
        } finally {
            for (String file : examples.keySet()) {
                Files.deleteIfExists(registry.directory().resolve(file));
            }
            routes.reload();
        }
    }

    static String prescription(String hiRxno) {
        return "{\"rx\":{\"hi_rxno\":\"" + hiRxno + "\",\"hosp_rxno\":\"RX-GUIDE\",\"prsc_time\":\"2026-11-30 09:00:00\","
                + "\"institution\":{\"fixmedins_code\":\"H33010000001\"},\"doctor\":{\"dr_code\":\"D330100000001\"},"
                + "\"patient\":{\"psn_no\":\"\"},\"drugs\":[{\"rx_seq\":1,\"med_list_codg\":\"XC08CAA148A001000000001\","
                + "\"drug_name\":\"Amlodipine\",\"drug_cnt\":2,\"drug_dosunt\":\"box\"}]},\"cainfo\":\"x\",\"signtype\":\"SM2\"}";
    }

    void publishEvent(String type, String id, String json) {
        jms.execute(session -> {
            jakarta.jms.TextMessage m = session.createTextMessage(json);
            m.setStringProperty("eventType", type);
            m.setStringProperty("eventId", id);
            try (jakarta.jms.MessageProducer p = session.createProducer(session.createTopic("insurance.events"))) {
                p.send(m);
            }
            return null;
        }, true);
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
