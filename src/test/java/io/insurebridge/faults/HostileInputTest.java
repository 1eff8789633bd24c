package io.insurebridge.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hostile input against the real front doors (processing off, so the listener itself is measured): mutated HL7
 * over a real MLLP socket, mutated JSON against POST /fsi/api/callService, and idle connections holding every
 * slot of a listener. Every message is answered (or, for broken framing, its connection closed) and counted, the
 * listener survives, memory stays bounded. -Dinsurebridge.fuzz.hl7-count / json-count raise the counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.processing.enabled=false",
        "insurebridge.hl7.max-segments=1000",
        "insurebridge.hl7.max-fields=250",
        "insurebridge.hl7.max-field-length=1000",
        "server.tomcat.connection-timeout=2s",
        "server.tomcat.keep-alive-timeout=2s"})
class HostileInputTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final int MAX_FRAME = 65_536;
    static final int MAX_CONNECTIONS = 12;
    static final int HL7_COUNT = Integer.getInteger("insurebridge.fuzz.hl7-count", 10_000);
    static final int JSON_COUNT = Integer.getInteger("insurebridge.fuzz.json-count", 2_000);
    static final Pattern MSA = Pattern.compile("MSA(.)(AA|AE|AR)\\1");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        AppTestSupport.register(registry, "hostile", MLLP_PORT);
        Path connectors = Files.createTempDirectory("insurebridge-hostile-connectors-");
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                charset: UTF-8
                max-connections: %d
                idle-timeout-seconds: 2
                max-frame-bytes: %d
                """.formatted(MLLP_PORT, MAX_CONNECTIONS, MAX_FRAME));
        registry.add("insurebridge.connectors-dir", connectors::toString);
    }

    @Autowired JdbcTemplate jdbc;
    @LocalServerPort int httpPort;

    static String valid(String controlId) {
        return String.join("\r",
                "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||DFT^P03^DFT_P03|" + controlId
                        + "|P|2.5.1||||||UNICODE UTF-8",
                "EVN|P03|20261130101000", "PID|1||330102198001150117^^^^ID||张伟||19800115|M",
                "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||V-FUZZ-1",
                "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "ZIN|02|330102198001150117||PRE|1|11") + "\r";
    }

    @Test
    void mutatedHl7IsAlwaysAnsweredAndTheListenerSurvives() throws Exception {
        long storedBefore = count("SELECT COUNT(*) FROM messages");
        long heapBefore = usedHeapAfterGc();
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            done.add(pool.submit(() -> {
                fuzzWorker(worker, workers, counts);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        long seconds = Math.max(1, (System.nanoTime() - started) / 1_000_000_000L);

        long answered = get(counts, "AA") + get(counts, "AE") + get(counts, "AR");
        long framing = get(counts, "framing-answered") + get(counts, "framing-closed");
        System.out.printf("HL7 fuzz: %d messages in %d s: AA %d, AE %d, AR %d, broken framing %d (answered %d, "
                        + "connection closed %d), unanswered in-frame %d; per kind %s%n", HL7_COUNT, seconds,
                get(counts, "AA"), get(counts, "AE"), get(counts, "AR"), framing, get(counts, "framing-answered"),
                get(counts, "framing-closed"), get(counts, "unanswered"), counts);
        // every in-frame message is answered: bare and cut-off MSH included (ShortFrameAck, docs/operations.md)
        long unanswered = get(counts, "unanswered");
        assertThat(unanswered).as("unanswered in-frame messages").isZero();
        assertThat(answered + framing + unanswered).isEqualTo(HL7_COUNT);
        assertThat(get(counts, "AE") + get(counts, "AR")).isGreaterThan(HL7_COUNT / 2);
        assertThat(get(counts, "kind-TOO_MANY_SEGMENTS-AA") + get(counts, "kind-GARBAGE-AA")
                + get(counts, "kind-EMPTY_OR_BARE_MSH-AA")).isZero();
        // a bit flip may turn one variant's control id into another's: the second is refused (ERR 205), never
        // answered with the first one's AA
        assertThat(get(counts, "kind-TOO_MANY_FIELDS-AA")).isZero();
        // a huge PID-5 (2,000 to 17,000 characters) is over max-field-length: never accepted
        assertThat(get(counts, "kind-HUGE_FIELD-AA")).isZero();
        assertThat(get(counts, "kind-HUGE_FIELD-AR")).isPositive();

        // every answered message is in the store (rejected ones too); duplicates of a mutated control id are
        // answered from the store without a new row; a broken-framing stream may hold up to two frames
        long stored = count("SELECT COUNT(*) FROM messages") - storedBefore;
        assertThat(stored).isBetween(answered + unanswered - get(counts, "duplicate"),
                answered + unanswered + 2 * framing);

        // the listener still serves a valid message
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 10_000)) {
            String ack = his.send(valid("FUZZ-AFTER"), StandardCharsets.UTF_8);
            assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        }
        long heapGrowth = usedHeapAfterGc() - heapBefore;
        System.out.printf("HL7 fuzz: heap growth after GC %d MB, stored rows %d%n", heapGrowth >> 20, stored);
        assertThat(heapGrowth).isLessThan(256L << 20);
    }

    /**
     * Every prefix of a valid message, "" and "MSH" included, on one connection: each is answered with an ACK and
     * the connection stays usable. (camel-mllp 4.17 used to reset the connection for frames under 4 bytes, and a
     * cut-off MSH-18 "UNICODE" made us answer in UTF-16.)
     */
    @Test
    void everyCutOffMessageIsAnsweredOnTheSameConnection() throws Exception {
        byte[] full = valid("CUT-1").getBytes(StandardCharsets.UTF_8);
        List<String> unanswered = new ArrayList<>();
        Map<String, AtomicLong> codes = new ConcurrentHashMap<>();
        MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 10_000);
        try {
            for (int len = 0; len <= full.length; len++) {
                try {
                    String ack = new String(his.sendBytes(java.util.Arrays.copyOf(full, len)), StandardCharsets.UTF_8);
                    Matcher m = MSA.matcher(ack);
                    if (m.find()) {
                        inc(codes, m.group(2));
                    } else {
                        unanswered.add(len + ": no MSA in " + ack);
                    }
                } catch (IOException e) {
                    unanswered.add(len + ": " + e.getMessage());
                    closeQuietly(his);
                    his = new MllpClient("127.0.0.1", MLLP_PORT, 10_000);
                }
            }
        } finally {
            closeQuietly(his);
        }
        System.out.printf("cut-off messages: %d prefixes answered %s, unanswered %s%n", full.length + 1, codes,
                unanswered);
        assertThat(unanswered).isEmpty();
        assertThat(get(codes, "AA") + get(codes, "AE") + get(codes, "AR")).isEqualTo(full.length + 1);
        assertThat(get(codes, "AR")).isGreaterThan(get(codes, "AA"));
    }

    @Test
    void aDifferentMessageUnderAUsedControlIdIsRefusedAResendIsNot() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 10_000)) {
            String first = his.send(valid("REUSE-1"), StandardCharsets.UTF_8);
            assertThat(field(first, "MSA", 1)).as(first).isEqualTo("AA");
            // the HIS resends it (a new send time only): the very same ACK
            String resend = his.send(valid("REUSE-1").replace("|20261130100000|", "|20261130100500|"),
                    StandardCharsets.UTF_8);
            assertThat(resend).isEqualTo(first);
            // another message under the same control id: refused, stored as rejected, not answered with the AA
            String other = his.send(valid("REUSE-1").replace("|10.00|10.00", "|12.00|12.00"), StandardCharsets.UTF_8);
            assertThat(field(other, "MSA", 1)).as(other).isEqualTo("AR");
            assertThat(AppTestSupport.segments(other, "ERR").get(0)).contains("205^Duplicate key identifier");
        }
        assertThat(count("SELECT COUNT(*) FROM messages WHERE control_id = 'REUSE-1' AND status = 'REJECTED'"))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM messages WHERE control_id = 'REUSE-1' AND status <> 'REJECTED'"))
                .isEqualTo(1);
    }

    private void fuzzWorker(int worker, int workers, Map<String, AtomicLong> counts) throws IOException {
        Hl7Mutator mutator = new Hl7Mutator(4242L + worker, MAX_FRAME);
        MllpClient his = null;
        try {
            for (int i = worker; i < HL7_COUNT; i += workers) {
                String controlId = "FZ" + i;
                Hl7Mutator.Kind kind = mutator.pick();
                byte[] payload = mutator.mutate(valid("FUZZ-CONTROL"), controlId, kind);
                if (kind == Hl7Mutator.Kind.FRAMING || kind == Hl7Mutator.Kind.OVERSIZED_FRAME) {
                    byte[] stream = payload;
                    if (kind == Hl7Mutator.Kind.OVERSIZED_FRAME) {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        Hl7Mutator.frame(out, payload);
                        stream = out.toByteArray();
                    }
                    inc(counts, sendRaw(stream) ? "framing-answered" : "framing-closed");
                    continue;
                }
                String ack = null;
                for (int attempt = 0; attempt < 2 && ack == null; attempt++) {
                    try {
                        if (his == null) {
                            his = new MllpClient("127.0.0.1", MLLP_PORT, 5_000);
                        }
                        ack = new String(his.sendBytes(payload), StandardCharsets.ISO_8859_1);
                    } catch (IOException e) {
                        // closed by the idle timeout between messages: a HIS reconnects and resends
                        closeQuietly(his);
                        his = null;
                    }
                }
                Matcher m = ack == null ? null : MSA.matcher(ack);
                if (m == null || !m.find()) {
                    inc(counts, "unanswered");
                    inc(counts, "kind-" + kind + "-unanswered");
                    continue;
                }
                inc(counts, m.group(2));
                inc(counts, "kind-" + kind + "-" + m.group(2));
                if (ack.contains("answered from store") || ack.contains("being processed")) {
                    inc(counts, "duplicate");
                }
            }
        } finally {
            closeQuietly(his);
        }
    }

    /** Sends a raw byte stream on a fresh connection: true when an MLLP answer came back, false when closed. */
    private static boolean sendRaw(byte[] stream) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", MLLP_PORT), 5_000);
            s.setSoTimeout(1_000);   // a listener that drops a broken stream need not answer it
            try {
                s.getOutputStream().write(stream);
                s.getOutputStream().flush();
            } catch (IOException resetWhileWriting) {
                return false;
            }
            InputStream in = s.getInputStream();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x1c) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;   // reset or timed out: the listener dropped the broken stream
        }
    }

    @Test
    void mutatedJsonGetsAnEnvelopeNeverA5xx() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Random random = new Random(777);
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < JSON_COUNT; i++) {
            byte[] body = JsonMutator.mutate(random, i);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/fsi/api/callService"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("body #%d: %s", i, r.body()).isLessThan(500);
            if (r.statusCode() != 200) {
                inc(counts, "http-" + r.statusCode());
                continue;
            }
            JsonNode answer = json.readTree(r.body());
            int infcode = answer.path("infcode").asInt(99);
            assertThat(infcode).as("body #%d: %s", i, r.body()).isIn(0, -1);
            inc(counts, "infcode " + infcode);
        }
        System.out.printf("JSON fuzz: %d bodies: %s%n", JSON_COUNT, counts);
        assertThat(get(counts, "infcode -1")).isGreaterThan(JSON_COUNT / 2);
    }

    @Test
    void idleConnectionsDoNotLockOutANewClient() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS + 5; i++) {   // a slow-loris: every slot and the backlog taken
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", MLLP_PORT), 5_000);
                s.getOutputStream().write(new byte[] {0x0b, 'M', 'S'});   // a frame started, never finished
                idle.add(s);
            }
            long started = System.nanoTime();
            try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 20_000)) {
                String ack = his.send(valid("LORIS-1"), StandardCharsets.UTF_8);
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
            }
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            // the idle ones are closed by the listener's idle timeout (2 s)
            await().atMost(Duration.ofSeconds(20)).until(() -> idle.stream().allMatch(HostileInputTest::closedByPeer));
            System.out.printf("slow-loris: %d idle connections; new client served after %d ms; all idle closed%n",
                    idle.size(), waitedMs);
            assertThat(waitedMs).isLessThan(20_000);
        } finally {
            idle.forEach(HostileInputTest::closeQuietly);
        }
    }

    @Test
    void httpSlowLorisDoesNotLockOutANormalClient() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {   // request headers started, never finished
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", httpPort), 5_000);
                s.getOutputStream().write("POST /fsi/api/callService HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        .getBytes(StandardCharsets.US_ASCII));
                idle.add(s);
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            long started = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/fsi/api/callService"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            long waitedMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(r.statusCode()).as(r.body()).isLessThan(500);
            // Tomcat drops each half-sent request after server.tomcat.connection-timeout (2 s here, 20 s default)
            await().atMost(Duration.ofSeconds(30)).until(() -> idle.stream().allMatch(HostileInputTest::closedOrAnswered));
            System.out.printf("HTTP slow-loris: %d half-sent requests; a normal request answered %d in %d ms; all "
                    + "half-sent ones dropped%n", idle.size(), r.statusCode(), waitedMs);
        } finally {
            idle.forEach(HostileInputTest::closeQuietly);
        }
    }

    /** True when the server closed the connection (possibly after an error answer such as 408/400). */
    private static boolean closedOrAnswered(Socket s) {
        try {
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean closedByPeer(Socket s) {
        try {
            s.setSoTimeout(50);
            return s.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private long count(String sql) {
        Long n = jdbc.queryForObject(sql, Long.class);
        return n == null ? 0 : n;
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void inc(Map<String, AtomicLong> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    }

    private static long get(Map<String, AtomicLong> counts, String key) {
        AtomicLong n = counts.get(key);
        return n == null ? 0 : n.get();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a broken connection
            }
        }
    }
}
