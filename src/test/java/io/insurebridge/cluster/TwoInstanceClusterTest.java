package io.insurebridge.cluster;

import io.insurebridge.bench.BenchPersons;
import io.insurebridge.bench.BrokerTierProcesses;
import io.insurebridge.bench.ClusterInstances;
import io.insurebridge.bench.Hl7Scenarios;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two instances of the product as separate processes on loopback (docs/deployment.md, `cluster` profile): one
 * clustered broker, one Hazelcast cluster, one PostgreSQL schema. The broker is by default the broker tier (a
 * primary/backup pair of `insurebridge.jar broker` processes, shared store) the instances are clients of; with
 * {@code -Dinsurebridge.cluster.topology=colocated} it is every instance's embedded broker in a symmetric cluster. The HIS side is simulated the way a
 * TCP load balancer would serve it: each message goes to one instance; a refused connection, a "pending" (206) or
 * an "in progress" (205) answer is resent with the same control id, to the other instance.
 * <p>
 * Runs when the CI PostgreSQL is given (-Dinsurebridge.test.postgres-url, see .ci/run); bounded by
 * {@code -Dinsurebridge.cluster.visits} (default 24).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoInstanceClusterTest {

    private static final int VISITS = Integer.getInteger("insurebridge.cluster.visits", 24);
    private static final int SAME_PERSON_VISITS = Integer.getInteger("insurebridge.cluster.same-person-visits", 6);
    private static final int WORKERS = 4;
    private static final Duration ANSWER_DEADLINE = Duration.ofMinutes(6);
    /** Bench person 0 is the one whose visits run on both instances at once. */
    private static final BenchPersons.Person SHARED = BenchPersons.person(0);
    /** broker-tier (default): instances are clients of a broker pair; colocated: each embeds a cluster member. */
    private static final boolean BROKER_TIER =
            !"colocated".equals(System.getProperty("insurebridge.cluster.topology", "broker-tier"));

    private Path work;
    private ClusterInstances cluster;
    private BrokerTierProcesses brokers;
    private final String run = "C" + System.currentTimeMillis() % 100_000;
    /** Resends: refused/broken connections, "pending" and "in progress" answers (the HIS side of a lost instance). */
    private final AtomicInteger resends = new AtomicInteger();
    /** Why the resends happened: "205", "206" (pending), "io" (refused or broken connection). */
    private final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> resendReasons =
            new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    void startCluster() throws Exception {
        assumeTrue(!PostgresTestDatabase.url().isBlank(), "no PostgreSQL given (-D" + PostgresTestDatabase.URL_PROPERTY
                + "): the cluster test needs the shared database");
        work = Files.createTempDirectory("insurebridge-cluster-");
        Path mappings = BenchPersons.writeMappings(Path.of("mappings"), work.resolve("mappings"), VISITS + 1);
        ClusterInstances.Database db = ClusterInstances.Database.fresh(PostgresTestDatabase.url(),
                PostgresTestDatabase.user(), PostgresTestDatabase.password(), "cluster");
        cluster = new ClusterInstances(2, work, System.getProperty("java.class.path"),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), Path.of("routes").toAbsolutePath(),
                mappings, db, List.of("--insurebridge.node.concurrent-consumers=2",
                "--insurebridge.processing.consumers=4",
                "--insurebridge.fhir.warm-up=false"));   // no FHIR here: spare the 2 cores the validator's packages
        if (BROKER_TIER) {
            brokers = new BrokerTierProcesses(work, System.getProperty("java.class.path"),
                    BrokerTierProcesses.Store.SHARED_STORE);
            brokers.startPair();
            cluster.useBrokerTier(brokers.clientUrl());
        }
        cluster.startAll();
        await("both Hazelcast members in one cluster").atMost(Duration.ofMinutes(2))
                .until(() -> lastMembersSize(cluster.process(0).log()) == 2);
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (brokers != null) {
            brokers.close();
        }
        if (work != null && Boolean.getBoolean("insurebridge.cluster.keep-work")) {
            System.out.println("cluster test: instance and broker logs kept in " + work);
        } else if (work != null) {
            try (var walk = Files.walk(work)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Visits of one person settled on both instances at once: every accumulator equals the sum of its deltas. */
    @Test
    @Order(1)
    void onePersonsSettlementsOnBothInstancesAreSerialized() throws Exception {
        AtomicIntegerArray perInstance = new AtomicIntegerArray(2);
        runVisits(SAME_PERSON_VISITS, v -> SHARED, v -> "P" + v, perInstance, null);

        System.out.printf("one person on both: settlements answered by instance 1 / 2: %d / %d%n",
                perInstance.get(0), perInstance.get(1));
        assertThat(perInstance.get(0)).as("settlements answered by instance 1").isPositive();
        assertThat(perInstance.get(1)).as("settlements answered by instance 2").isPositive();
        try (Connection c = cluster.database().connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM node_settlement WHERE psn_no = '" + SHARED.psnNo()
                    + "' AND status = 'SETTLED'")).isEqualTo(SAME_PERSON_VISITS);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT y.settle_cnt, y.otp_dedc_used, y.otp_pool_paid, y.ci_burden, y.maf_paid, p.acct_balance, "
                            + "(SELECT SUM(d_dedc) FROM node_settlement s WHERE s.psn_no = y.psn_no), "
                            + "(SELECT SUM(d_pool) FROM node_settlement s WHERE s.psn_no = y.psn_no), "
                            + "(SELECT SUM(d_ci_burden) FROM node_settlement s WHERE s.psn_no = y.psn_no), "
                            + "(SELECT SUM(d_maf) FROM node_settlement s WHERE s.psn_no = y.psn_no), "
                            + "(SELECT SUM(d_acct) FROM node_settlement s WHERE s.psn_no = y.psn_no) "
                            + "FROM node_person_year y JOIN node_person p ON p.psn_no = y.psn_no "
                            + "WHERE y.psn_no = '" + SHARED.psnNo() + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).as("settlement count").isEqualTo(SAME_PERSON_VISITS);
                assertThat(rs.getBigDecimal(2)).as("deductible used = sum of deltas").isEqualByComparingTo(rs.getBigDecimal(7));
                assertThat(rs.getBigDecimal(3)).as("pooled fund = sum of deltas").isEqualByComparingTo(rs.getBigDecimal(8));
                assertThat(rs.getBigDecimal(4)).as("CI burden = sum of deltas").isEqualByComparingTo(rs.getBigDecimal(9));
                assertThat(rs.getBigDecimal(5)).as("assistance = sum of deltas").isEqualByComparingTo(rs.getBigDecimal(10));
                assertThat(new BigDecimal("1000.00").subtract(rs.getBigDecimal(6))).as("account paid = sum of deltas")
                        .isEqualByComparingTo(rs.getBigDecimal(11));
                assertThat(rs.getBigDecimal(7)).as("the deductible was crossed by these visits").isPositive();
            }
        }
    }

    /**
     * Settlements spread over both instances; instance 2 is SIGKILLed mid-run. With the broker tier the broker hands
     * the killed instance's unacknowledged messages to instance 1, which finishes every visit alone; with colocated
     * brokers the killed one's journal holds them until it is restarted on its data dir. Either way every visit ends
     * settled exactly once and Hazelcast goes from two members to one (and, restarted, back to two).
     */
    @Test
    @Order(2)
    void killingAnInstanceUnderLoadLosesNothingAndSettlesNothingTwice() throws Exception {
        AtomicIntegerArray perInstance = new AtomicIntegerArray(2);
        AtomicInteger done = new AtomicInteger();
        long killedAt;
        ExecutorService load = Executors.newSingleThreadExecutor();
        Future<?> visits = load.submit(() -> {
            runVisits(VISITS, v -> BenchPersons.person(v + 1), v -> "K" + v, perInstance, done);
            return null;
        });
        try {
            await("a third of the visits settled").atMost(ANSWER_DEADLINE).pollInterval(Duration.ofMillis(200))
                    .until(() -> done.get() >= VISITS / 3 || visits.isDone());
            int settledBeforeKill = done.get();
            cluster.kill(1);
            killedAt = System.nanoTime();
            assertThat(cluster.process(1).alive()).isFalse();
            await("instance 1 alone in the Hazelcast cluster").atMost(Duration.ofMinutes(2))
                    .until(() -> lastMembersSize(cluster.process(0).log()) == 1);
            await("visits settled by instance 1 alone").atMost(ANSWER_DEADLINE)
                    .until(() -> done.get() > settledBeforeKill || visits.isDone());
            if (BROKER_TIER) {
                // nothing waits for instance 2: the broker redelivered what it held, instance 1 does all the rest
                visits.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(cluster.process(1).alive()).as("instance 2 stayed down").isFalse();
                assertThat(settledBeforeKill).as("the kill came mid-run").isLessThan(VISITS);
            } else {
                cluster.start(1);   // a service manager restarts it on the same data dir: its journal is recovered
                await("instance 2 back in the Hazelcast cluster").atMost(Duration.ofMinutes(2))
                        .until(() -> lastMembersSize(cluster.process(0).log()) == 2);
                visits.get(ANSWER_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
        } finally {
            load.shutdownNow();
        }

        System.out.printf("instance loss: %d visits, settlements answered by instance 1 / 2: %d / %d, resends %d %s, "
                        + "%d s from the kill to the last visit%n", VISITS, perInstance.get(0), perInstance.get(1),
                resends.get(), resendReasons, Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());
        assertThat(done.get()).isEqualTo(VISITS);
        assertThat(perInstance.get(0)).as("settlements answered by instance 1").isPositive();
        assertThat(perInstance.get(1)).as("settlements answered by instance 2").isPositive();
        String persons = "psn_no <> '" + SHARED.psnNo() + "'";
        try (Connection c = cluster.database().connect()) {
            assertThat(count(c, "SELECT COUNT(*) FROM node_settlement WHERE " + persons)).as("settlements")
                    .isEqualTo(VISITS);
            assertThat(count(c, "SELECT COUNT(DISTINCT mdtrt_id) FROM node_settlement WHERE " + persons))
                    .as("visits settled").isEqualTo(VISITS);
            assertThat(count(c, "SELECT COUNT(*) FROM node_settlement WHERE status <> 'SETTLED'")).isZero();
            assertThat(count(c, "SELECT COUNT(*) FROM node_person_year WHERE settle_cnt = 1 AND " + persons))
                    .as("persons settled exactly once").isEqualTo(VISITS);
            assertThat(count(c, "SELECT COUNT(*) FROM gateway_visits WHERE status = 'SETTLED' AND " + persons))
                    .isEqualTo(VISITS);
            assertThat(count(c, "SELECT COUNT(*) FROM messages WHERE control_id LIKE '" + run + "-KS%' "
                    + "AND dedup_key IS NOT NULL AND status = 'PROCESSED'")).as("settlement messages, each once")
                    .isEqualTo(VISITS);
            assertThat(count(c, "SELECT COUNT(*) FROM node_processed_request WHERE infno = '2207' AND infcode = 0 "
                    + "AND msgid IN (SELECT msgid FROM node_settlement WHERE " + persons + ")")).isEqualTo(VISITS);
        }
    }

    interface PersonOf {
        BenchPersons.Person of(int visit);
    }

    interface KeyOf {
        String of(int visit);
    }

    /** WORKERS HIS connections work through the visits; visit v is sent first to instance v % 2. */
    private void runVisits(int count, PersonOf personOf, KeyOf keyOf, AtomicIntegerArray perInstance,
                           AtomicInteger done) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            workers.add(pool.submit(() -> {
                for (int v = next.getAndIncrement(); v < count; v = next.getAndIncrement()) {
                    BenchPersons.Person p = personOf.of(v);
                    String key = keyOf.of(v);
                    String visitNo = "V" + run + "-" + key;
                    String name = "压测" + p.psnNo().substring(5).replaceFirst("^0+(?=.)", "");
                    deliver(Hl7Scenarios.registration(run + "-" + key.charAt(0) + "R" + key.substring(1), p.certno(),
                            name, visitNo), "\rZIV|", v % 2, null);
                    deliver(Hl7Scenarios.charges(run + "-" + key.charAt(0) + "S" + key.substring(1), p.certno(), name,
                            visitNo, "SETTLE"), "|SETTLE", (v + 1) % 2, perInstance);
                    if (done != null) {
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> worker : workers) {
            worker.get(ANSWER_DEADLINE.toSeconds() * 2, TimeUnit.SECONDS);
        }
    }

    /**
     * Sends one message until it is answered AA with its result: a refused or broken connection, a pending (206) or
     * an in-progress (205) answer is resent with the same control id to the next instance, as a HIS behind a load
     * balancer would. Anything else is a failure of the test.
     */
    private void deliver(String message, String expected, int first, AtomicIntegerArray perInstance)
            throws InterruptedException {
        long deadline = System.nanoTime() + ANSWER_DEADLINE.toNanos();
        int target = first;
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try (MllpClient client = new MllpClient("127.0.0.1", cluster.ports(target).mllp(), 120_000)) {
                String ack = client.send(message, StandardCharsets.UTF_8);
                String code = AppTestSupport.field(ack, "MSA", 1);
                if ("AA".equals(code) && ack.contains(expected)) {
                    if (perInstance != null) {
                        perInstance.incrementAndGet(target);
                    }
                    return;
                }
                String err = String.valueOf(AppTestSupport.field(ack, "ERR", 3));
                if (!"AE".equals(code) || !(err.startsWith("206") || err.startsWith("205"))) {
                    throw new AssertionError("unexpected answer from instance " + (target + 1) + ": "
                            + ack.replace('\r', '\n'));
                }
                last = ack.replace('\r', ' ');
                resendReasons.computeIfAbsent(err.substring(0, 3), k -> new AtomicInteger()).incrementAndGet();
            } catch (IOException lostConnection) {
                last = "instance " + (target + 1) + ": " + lostConnection;
                resendReasons.computeIfAbsent("io", k -> new AtomicInteger()).incrementAndGet();
            }
            resends.incrementAndGet();
            target = (target + 1) % 2;
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());   // the HIS's resend interval
        }
        throw new AssertionError("not answered within " + ANSWER_DEADLINE + ": " + last);
    }

    /** Members count of the last "Members {size:N, ...}" line Hazelcast logged on that instance. */
    static int lastMembersSize(Path log) throws IOException {
        int size = -1;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            int at = line.indexOf("Members {size:");
            if (at >= 0) {
                int from = at + "Members {size:".length();
                size = Integer.parseInt(line.substring(from, line.indexOf(',', from)).trim());
            }
        }
        return size;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
