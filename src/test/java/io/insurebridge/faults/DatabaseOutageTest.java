package io.insurebridge.faults;

import io.insurebridge.bench.BenchPersons;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.insurebridge.faults.ProcessKillTest.code;
import static io.insurebridge.faults.ProcessKillTest.registration;
import static io.insurebridge.faults.ProcessKillTest.settlement;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Database outage under traffic: the CI PostgreSQL server is stopped (pg_ctl stop) for a while
 * (-Dinsurebridge.faults.db-outage-seconds, default 10; the 30 s on demand) while a HIS keeps sending
 * registrations and settlements. Every message is answered, none with AA unless it was stored (an AA'd settlement
 * is settled); after pg_ctl start the product recovers by itself and the HIS's resends settle every visit exactly
 * once. Runs when .ci/run passes -Dinsurebridge.test.pg-ctl / pg-data / postgres-url; skipped otherwise.
 */
@SpringBootTest(properties = {
        // a stopped database must cost the HIS seconds, not the pool's default 30 s per message
        "spring.datasource.hikari.connection-timeout=2000",
        "spring.datasource.hikari.validation-timeout=1000",
        "insurebridge.hl7.reply-timeout=20s"})
@EnabledIfSystemProperty(named = "insurebridge.test.pg-ctl", matches = ".+",
        disabledReason = "needs a PostgreSQL the test may stop: -Dinsurebridge.test.pg-ctl / pg-data (.ci/run)")
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+")
class DatabaseOutageTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final int VISITS_BEFORE = 10;
    static final int OUTAGE_SECONDS = Integer.getInteger("insurebridge.faults.db-outage-seconds", 10);
    static final int MAX_VISITS = 400;
    static final String RUN = "DBO" + Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws IOException {
        Path base = Files.createTempDirectory("insurebridge-db-outage-");
        Path mappings = BenchPersons.writeMappings(Path.of("mappings"), base.resolve("mappings"), MAX_VISITS);
        Path connectors = Files.createDirectories(base.resolve("connectors"));
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                charset: UTF-8
                """.formatted(MLLP_PORT));
        registry.add("insurebridge.mappings-dir", mappings::toString);
        registry.add("insurebridge.connectors-dir", connectors::toString);
        registry.add("insurebridge.data-dir", () -> base.resolve("data").toString());
        PostgresTestDatabase.registerFreshSchema(registry, "outage");
    }

    @Autowired JdbcTemplate jdbc;

    final Map<Integer, ProcessKillTest.Visit> visits = new ConcurrentHashMap<>();

    @Test
    void stoppedDatabaseIsAnsweredAeAndResendsSettleOnceAfterRestart() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 120_000)) {
            for (int i = 0; i < VISITS_BEFORE; i++) {
                visit(his, i);
                assertThat(visits.get(i).settled).isEqualTo("AA");
            }
        }

        // the outage: the HIS keeps sending new visits while the server is down
        Map<String, Integer> duringOutage = new TreeMap<>();
        AtomicInteger next = new AtomicInteger(VISITS_BEFORE);
        pgCtl("stop", "-m", "fast");
        long outageStarted = System.nanoTime();
        try {
            long end = outageStarted + TimeUnit.SECONDS.toNanos(OUTAGE_SECONDS);
            MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 120_000);
            try {
                while (System.nanoTime() < end && next.get() < MAX_VISITS) {
                    int i = next.getAndIncrement();
                    visit(his, i);
                    ProcessKillTest.Visit v = visits.get(i);
                    duringOutage.merge("register " + v.registered, 1, Integer::sum);
                    if (v.settled != null) {
                        duringOutage.merge("settle " + v.settled, 1, Integer::sum);
                    }
                }
            } finally {
                his.close();
            }
        } finally {
            pgCtl("start");
        }
        long outageMs = (System.nanoTime() - outageStarted) / 1_000_000;
        int sent = next.get();

        // recovery: the HIS resends whatever got no AA, same control ids, until AA (bounded)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 120_000)) {
            for (int i = 0; i < sent; i++) {
                ProcessKillTest.Visit v = visits.get(i);
                while (!"AA".equals(v.registered) && System.nanoTime() < deadline) {
                    v.registered = code(his.send(registration(RUN, i), StandardCharsets.UTF_8));
                    pauseUnlessAa(v.registered);
                }
                while (!"AA".equals(v.settled) && System.nanoTime() < deadline) {
                    v.settled = code(his.send(settlement(RUN, i), StandardCharsets.UTF_8));
                    pauseUnlessAa(v.settled);
                }
            }
        }

        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < sent; i++) {
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = "
                    + "'SETTLED'", Integer.class, BenchPersons.person(i).psnNo());
            if (n == null || n != 1 || !"AA".equals(visits.get(i).settled)) {
                wrong.add("visit " + i + ": final " + visits.get(i).settled + ", settled " + n + "x");
            }
        }
        System.out.printf("database outage: PostgreSQL down %d ms; %d visits sent during it, answers %s; after "
                        + "restart and resends %d of %d visits settled exactly once%n", outageMs,
                sent - VISITS_BEFORE, duringOutage, sent - wrong.size(), sent);
        assertThat(duringOutage.keySet()).as("answers while the database was down").isNotEmpty()
                .noneMatch(k -> k.endsWith("none"));
        assertThat(duringOutage.getOrDefault("register AE", 0)).isPositive();
        assertThat(wrong).isEmpty();
    }

    /** Registers and settles visit i; the settlement is sent only after an AA'd registration. */
    private void visit(MllpClient his, int i) throws IOException {
        ProcessKillTest.Visit v = visits.computeIfAbsent(i, k -> new ProcessKillTest.Visit());
        v.registered = code(his.send(registration(RUN, i), StandardCharsets.UTF_8));
        if ("AA".equals(v.registered)) {
            v.settled = code(his.send(settlement(RUN, i), StandardCharsets.UTF_8));
        }
    }

    private static void pauseUnlessAa(String code) throws InterruptedException {
        if (!"AA".equals(code)) {
            TimeUnit.MILLISECONDS.sleep(500);   // the HIS's resend interval
        }
    }

    /** pg_ctl on the CI server's data dir; as root (CI) it runs as the postgres user, as pg_ctl requires. */
    static void pgCtl(String action, String... options) throws Exception {
        Path data = Path.of(System.getProperty("insurebridge.test.pg-data"));
        List<String> cmd = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.addAll(List.of(System.getProperty("insurebridge.test.pg-ctl"), "-D", data.toString(), "-w", "-t", "60",
                "-l", data.resolveSibling("server.log").toString(), action));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling("pg-ctl-test.log").toFile()))
                .start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("pg_ctl " + action + " finished").isTrue();
        assertThat(p.exitValue()).as("pg_ctl " + action + " exit code").isZero();
    }
}
