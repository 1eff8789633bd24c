package io.insurebridge.faults;

import io.insurebridge.bench.BenchPersons;
import io.insurebridge.bench.Hl7Scenarios;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Process kill under load: the product runs in a JVM of its own on its own data (H2 file, or a fresh schema of the
 * CI PostgreSQL when -Dinsurebridge.test.postgres-url is given); a HIS with many connections sends registrations
 * and settlements (ADT^A04 then DFT^P03 SETTLE per visit, one insured person per visit); the product is killed
 * with SIGKILL once a third of the settlements were acknowledged; it is started again on the same data and the HIS
 * resends every message that got no ACK (same control id). Then, per visit: an AA'd settlement is settled exactly
 * once, no visit is settled twice, and a visit without AA is settled once or visibly held (re-drivable status).
 * -Dinsurebridge.faults.kill-visits (default 100) and -Dinsurebridge.faults.kill-senders (default 8) scale it.
 */
class ProcessKillTest {

    static final int VISITS = Integer.getInteger("insurebridge.faults.kill-visits", 100);
    static final int SENDERS = Integer.getInteger("insurebridge.faults.kill-senders", 8);
    static final Duration START = Duration.ofSeconds(600);
    static final Duration RESEND_DEADLINE = Duration.ofSeconds(150);

    /** What the HIS knows of one visit: the ACK code it got for its registration and its settlement (null: none). */
    static final class Visit {
        volatile String registered;
        volatile String settled;
    }

    @Test
    void sigkillUnderLoadThenResendSettlesEveryVisitOnce() throws Exception {
        Path dir = Files.createTempDirectory("insurebridge-kill-");
        Path mappings = BenchPersons.writeMappings(Path.of("mappings"), dir.resolve("mappings"), VISITS);
        Database db = Database.create(dir);
        int mllp = AppTestSupport.freePort();
        String run = "K" + Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        List<String> args = args(dir, mappings, mllp, db);
        Visit[] visits = new Visit[VISITS];
        for (int i = 0; i < VISITS; i++) {
            visits[i] = new Visit();
        }

        // phase 1: load, killed in the middle
        AtomicInteger settledAcks = new AtomicInteger();
        long killedAtSettled;
        try (ProductProcess product = ProductProcess.start(dir, "run-1", args)) {
            product.awaitPort(mllp, START);
            AtomicInteger next = new AtomicInteger();
            ExecutorService his = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                senders.add(his.submit(() -> send(mllp, run, visits, next, settledAcks)));
            }
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> settledAcks.get() >= VISITS / 3 || next.get() >= VISITS);
            killedAtSettled = settledAcks.get();
            product.kill();
            his.shutdown();
            assertThat(his.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
            for (Future<?> f : senders) {
                f.get();
            }
        }
        Map<String, Integer> beforeRestart = tally(visits);
        assertThat(killedAtSettled).as("settlements acknowledged before the kill").isPositive();

        // phase 2: restart on the same data; the HIS resends everything that got no AA (AE "pending" included)
        Map<String, Integer> afterResend;
        try (ProductProcess product = ProductProcess.start(dir, "run-2", args)) {
            product.awaitPort(mllp, START);
            resendUnacknowledged(mllp, run, visits);
            afterResend = tally(visits);
        }

        // the counts, from the product's own database (the product is stopped: the H2 file is free)
        Map<String, Integer> settlementsPerPerson = db.settlementsPerPerson();
        Map<String, Integer> messageStatuses = db.messageStatuses(run);
        int aaBeforeKillSettledOnce = 0;
        int settledOnce = 0;
        int notSettled = 0;
        List<String> doubles = new ArrayList<>();
        List<String> lostAas = new ArrayList<>();
        for (int i = 0; i < VISITS; i++) {
            String psnNo = BenchPersons.person(i).psnNo();
            int n = settlementsPerPerson.getOrDefault(psnNo, 0);
            if (n > 1) {
                doubles.add(psnNo + " x" + n);
            } else if (n == 1) {
                settledOnce++;
            } else {
                notSettled++;
            }
            if ("AA".equals(visits[i].settled) && n != 1) {
                lostAas.add("visit " + i + " AA but settled " + n + "x");
            }
        }
        for (int i = 0; i < VISITS; i++) {
            if ("AA".equals(visits[i].settled) && settlementsPerPerson.getOrDefault(BenchPersons.person(i).psnNo(), 0) == 1) {
                aaBeforeKillSettledOnce++;
            }
        }
        System.out.printf("process kill (%s, %d visits, %d senders): SIGKILL after %d settlement AAs; HIS view before "
                        + "restart %s; after resend %s; node: %d visits settled once, %d not settled, %d settled "
                        + "twice; messages by status %s%n", db.kind(), VISITS, SENDERS, killedAtSettled,
                beforeRestart, afterResend, settledOnce, notSettled, doubles.size(), messageStatuses);

        assertThat(doubles).as("visits settled more than once").isEmpty();
        assertThat(lostAas).as("acknowledged settlements not settled exactly once").isEmpty();
        assertThat(aaBeforeKillSettledOnce).isEqualTo(afterResend.getOrDefault("settle AA", 0));
        // a visit the HIS still has no AA for is settled at most once (above) and its settlement is visible in the
        // store with a status an operator can act on
        List<String> invisible = new ArrayList<>();
        for (int i = 0; i < VISITS; i++) {
            if (!"AA".equals(visits[i].settled) && "AA".equals(visits[i].registered)
                    && db.statusOf(run + "-S" + i).isEmpty()) {
                invisible.add("visit " + i);
            }
        }
        assertThat(invisible).as("unacknowledged settlements missing from the store").isEmpty();
        // nothing is left stored-but-never-handed-on: the resends re-drove every orphan of the kill
        assertThat(messageStatuses).as("messages by status").doesNotContainKey("RECEIVED");
        db.drop();
    }

    /** One HIS sender: takes the next visit, registers and settles it; stops at the first broken connection. */
    private static Void send(int port, String run, Visit[] visits, AtomicInteger next, AtomicInteger settledAcks) {
        try (MllpClient client = new MllpClient("127.0.0.1", port, 120_000)) {
            for (int i = next.getAndIncrement(); i < visits.length; i = next.getAndIncrement()) {
                Visit v = visits[i];
                v.registered = code(client.send(registration(run, i), StandardCharsets.UTF_8));
                if (!"AA".equals(v.registered)) {
                    continue;
                }
                v.settled = code(client.send(settlement(run, i), StandardCharsets.UTF_8));
                if ("AA".equals(v.settled)) {
                    settledAcks.incrementAndGet();
                }
            }
        } catch (IOException killed) {
            // the product died under us: whatever was in flight has no ACK
        }
        return null;
    }

    /** The HIS's retry: every message without AA again, same control id, until AA or a refusal (bounded). */
    private static void resendUnacknowledged(int port, String run, Visit[] visits) throws Exception {
        long deadline = System.nanoTime() + RESEND_DEADLINE.toNanos();
        ExecutorService his = Executors.newFixedThreadPool(SENDERS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            done.add(his.submit(() -> {
                try (MllpClient client = new MllpClient("127.0.0.1", port, 120_000)) {
                    for (int i = next.getAndIncrement(); i < visits.length; i = next.getAndIncrement()) {
                        Visit v = visits[i];
                        while (!"AA".equals(v.registered) && System.nanoTime() < deadline) {
                            v.registered = code(client.send(registration(run, i), StandardCharsets.UTF_8));
                            pauseIfBusy(v.registered);
                        }
                        while ("AA".equals(v.registered) && !"AA".equals(v.settled) && System.nanoTime() < deadline) {
                            v.settled = code(client.send(settlement(run, i), StandardCharsets.UTF_8));
                            pauseIfBusy(v.settled);
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        his.shutdown();
    }

    /** AE "being processed / pending": the HIS waits a little before it asks again (as a real HIS would). */
    private static void pauseIfBusy(String code) throws InterruptedException {
        if (!"AA".equals(code)) {
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    static String registration(String run, int i) {
        BenchPersons.Person p = BenchPersons.person(i);
        return Hl7Scenarios.registration(run + "-R" + i, p.certno(), "压测" + i, "V" + run + "-" + i);
    }

    static String settlement(String run, int i) {
        BenchPersons.Person p = BenchPersons.person(i);
        return Hl7Scenarios.charges(run + "-S" + i, p.certno(), "压测" + i, "V" + run + "-" + i, "SETTLE");
    }

    static String code(String ack) {
        String msa = AppTestSupport.field(ack, "MSA", 1);
        return msa == null ? "none" : msa;
    }

    private static Map<String, Integer> tally(Visit[] visits) {
        Map<String, Integer> t = new TreeMap<>();
        for (Visit v : visits) {
            t.merge("register " + (v.registered == null ? "no ACK" : v.registered), 1, Integer::sum);
            t.merge("settle " + (v.settled == null ? "no ACK" : v.settled), 1, Integer::sum);
        }
        return t;
    }

    private static List<String> args(Path dir, Path mappings, int mllp, Database db) throws IOException {
        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                charset: UTF-8
                max-connections: %d
                """.formatted(mllp, SENDERS * 2 + 4));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + AppTestSupport.freePort(),
                "--insurebridge.data-dir=" + dir.resolve("data"),
                "--insurebridge.connectors-dir=" + connectors,
                "--insurebridge.routes-dir=" + Path.of("routes").toAbsolutePath(),
                "--insurebridge.mappings-dir=" + mappings,
                "--insurebridge.connectors.hot-reload=false",
                // a message stored just before the kill but never enqueued is re-driven by the HIS's resend
                "--insurebridge.hl7.orphan-after=5s",
                // orphan-after must be greater than the reply timeout (checked at start)
                "--insurebridge.hl7.reply-timeout=4s"));
        args.addAll(db.args());
        return args;
    }

    /** The product's database: its H2 file, or a fresh schema of the CI PostgreSQL. */
    record Database(String kind, String url, String user, String password, String schema) {

        static Database create(Path dir) throws SQLException {
            String pg = PostgresTestDatabase.url();
            if (pg.isBlank()) {
                return new Database("H2 file", "jdbc:h2:file:" + dir.resolve("data/db/insurebridge")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", null);
            }
            String schema = "kill_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(pg, PostgresTestDatabase.user(),
                    PostgresTestDatabase.password()); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            String url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            return new Database("PostgreSQL", url, PostgresTestDatabase.user(), PostgresTestDatabase.password(),
                    schema);
        }

        List<String> args() {
            if (schema == null) {
                return List.of();
            }
            return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password, "--spring.flyway.schemas=" + schema);
        }

        Map<String, Integer> settlementsPerPerson() throws SQLException {
            return groupCount("SELECT psn_no, COUNT(*) FROM node_settlement WHERE status = 'SETTLED' GROUP BY psn_no");
        }

        List<String> statusOf(String controlId) throws SQLException {
            return new ArrayList<>(groupCount("SELECT status, COUNT(*) FROM messages WHERE control_id = '" + controlId
                    + "' GROUP BY status").keySet());
        }

        Map<String, Integer> messageStatuses(String run) throws SQLException {
            return groupCount("SELECT status, COUNT(*) FROM messages WHERE control_id LIKE '" + run
                    + "-%' GROUP BY status");
        }

        private Map<String, Integer> groupCount(String sql) throws SQLException {
            Map<String, Integer> out = new HashMap<>();
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getInt(2));
                }
            }
            return new TreeMap<>(out);
        }

        void drop() throws SQLException {
            if (schema != null) {
                try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
