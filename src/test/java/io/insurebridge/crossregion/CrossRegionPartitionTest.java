package io.insurebridge.crossregion;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.model.Operator;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.insurebridge.crossregion.CrossRegionSettlementTest.send;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.zst;
import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The insured place's node is down while off-site visits are settled at the care place: every settlement waits
 * durably on east's store-and-forward queue, the HIS is told "pending", the link shows DOWN with its backlog; west
 * comes back (same data, same ports), every request is settled exactly once and the HIS gets each result when it
 * asks again. Size: -Dinsurebridge.crossregion.partition-visits (default 3: the bounded version CI runs).
 * <p>
 * Then the scenario: west stopped <b>mid-stream</b> while several HIS connections keep sending settlements,
 * requests still coming while it is down, west restarted: every request settled exactly once at both ends, none
 * lost. CI runs 20 requests; the long version ({@code @Tag("slow")}) 200, or
 * -Dinsurebridge.crossregion.midstream-requests (-Dinsurebridge.crossregion.midstream-senders: HIS connections, 4).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossRegionPartitionTest {
    private static final Logger log = LoggerFactory.getLogger(CrossRegionPartitionTest.class);
    static final int VISITS = Integer.getInteger("insurebridge.crossregion.partition-visits", 3);
    static final int MIDSTREAM_REQUESTS = Integer.getInteger("insurebridge.crossregion.midstream-requests", 200);
    static final int SENDERS = Integer.getInteger("insurebridge.crossregion.midstream-senders", 4);
    static final String PSN = "51010000000000000005";
    /** a resident insured at west, used by the mid-stream runs only */
    static final String STREAM_PSN = "51010000000000000012";
    static final String STREAM_CERTNO = "510107199003030012";

    final PeerNodes.Node east = new PeerNodes.Node("east", PeerNodes.EAST, AppTestSupport.freePort());
    final PeerNodes.Node west = new PeerNodes.Node("west", PeerNodes.WEST, null);

    @BeforeAll
    void start() throws Exception {
        PeerNodes.prepare(east, west);
        PeerNodes.prepare(west, east);
        Files.writeString(west.base.resolve("mappings/persons.csv"), STREAM_PSN + ",郑凯," + STREAM_CERTNO
                + ",1,1990-03-03,390,510100,1,0.00,,,,,\n", StandardOpenOption.APPEND);
        PeerNodes.start(west);
        PeerNodes.start(east);
    }

    @AfterAll
    void stop() {
        east.stop();
        west.stop();
    }

    @Test
    @Order(1)
    void everySettlementWaitsForThePeerAndIsAppliedExactlyOnceWhenItReturns() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            for (int i = 1; i <= VISITS; i++) {   // 1101 needs west: registered while the link is up
                String ack = send(his, Hl7.register("P-A04-" + i, Hl7.CHEN_JING, "陈静", "V-P-" + i));
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
            }
            west.stop();

            for (int i = 1; i <= VISITS; i++) {
                String ack = send(his, Hl7.charges("P-P03-" + i, Hl7.CHEN_JING, "陈静", "V-P-" + i, "SETTLE"));
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AE");
                assertThat(field(ack, "MSA", 3)).startsWith("PENDING");
                assertThat(segments(ack, "ERR").get(0)).contains("|206^");
            }
            CrossRegionHealth health = east.bean(CrossRegionHealth.class);
            PeerLinks links = east.bean(PeerLinks.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> links.get(PeerNodes.WEST).state() == PeerLinks.State.DOWN);
            // a delivery attempt in progress when west went away returns to the queue once it fails
            await().atMost(Duration.ofSeconds(60)).until(() -> health.backlog(PeerNodes.WEST) == VISITS);
            assertThat(east.bean(CrossRegionStore.class).waiting(PeerNodes.WEST)).isEqualTo(VISITS);
            // the HIS asks again while west is still down: still pending, nothing doubled on the queue
            String again = send(his, Hl7.charges("P-P03-1", Hl7.CHEN_JING, "陈静", "V-P-1", "SETTLE"));
            assertThat(field(again, "MSA", 3)).as(again).startsWith("PENDING");
            assertThat(health.backlog(PeerNodes.WEST)).isEqualTo(VISITS);

            PeerNodes.start(west);   // same folders, same broker port, same database
            await().atMost(Duration.ofSeconds(120)).until(() -> health.backlog(PeerNodes.WEST) == 0
                    && east.bean(CrossRegionStore.class).waiting(PeerNodes.WEST) == 0);
            assertThat(links.get(PeerNodes.WEST).state()).isEqualTo(PeerLinks.State.UP);

            List<BigDecimal> pooled = new ArrayList<>();
            for (int i = 1; i <= VISITS; i++) {
                String ack = send(his, Hl7.charges("P-P03-" + i, Hl7.CHEN_JING, "陈静", "V-P-" + i, "SETTLE"));
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
                assertThat(zst(ack).get(0)).isEqualTo("322.00");
                assertThat(zst(ack).get(14)).isEqualTo("SETTLE");
                pooled.add(new BigDecimal(zst(ack).get(6)));
            }
            // exactly once at both ends; the person's year at west holds each settlement once
            assertThat(CrossRegionSettlementTest.settlementsOf(west, PSN)).isEqualTo(VISITS);
            assertThat(CrossRegionSettlementTest.settlementsOf(east, PSN)).isEqualTo(VISITS);
            BigDecimal sum = pooled.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(west.jdbc().queryForMap("SELECT otp_dedc_used, otp_pool_paid, settle_cnt FROM node_person_year "
                    + "WHERE psn_no = ?", PSN))
                    .containsEntry("otp_dedc_used", new BigDecimal("100.00"))
                    .containsEntry("otp_pool_paid", sum.setScale(2))
                    .containsEntry("settle_cnt", VISITS);
            // first settlement: deductible 100.00 then 167.00 x 0.40; the others 267.00 x 0.40 (until the cap 600.00)
            assertThat(sum.min(new BigDecimal("600.00"))).isEqualByComparingTo(new BigDecimal("66.80")
                    .add(new BigDecimal("106.80").multiply(BigDecimal.valueOf(VISITS - 1L))).min(new BigDecimal("600.00")));
        }
    }

    @Test
    @Order(2)
    void peerStoppedMidStreamEveryRequestSettledExactlyOnce() throws Exception {
        midStream(20, "M");
    }

    @Test
    @Order(3)
    @Tag("slow")
    void peerStoppedMidStreamAtScale() throws Exception {
        midStream(MIDSTREAM_REQUESTS, "L");
    }

    /**
     * The HIS was told "pending" for an off-site 2207 while west is down and reverses it (2601): the reversal waits
     * behind the settlement on the same queue; when west is back it settles and reverses (or refuses the late 2207),
     * nothing stays settled on either side, and the visit settles again once.
     */
    @Test
    @Order(4)
    void aPendingOffSiteSettlementReversedWhileThePeerIsDownIsSettledNowhere() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            assertThat(field(send(his, Hl7.register("R-A04-1", STREAM_CERTNO, "郑凯", "R-V-1")), "MSA", 1))
                    .isEqualTo("AA");
            Map<String, Object> before = west.jdbc().queryForMap("SELECT otp_pool_paid, settle_cnt FROM "
                    + "node_person_year WHERE psn_no = ?", STREAM_PSN);
            west.stop();
            String ack = send(his, Hl7.charges("R-P03-1", STREAM_CERTNO, "郑凯", "R-V-1", "SETTLE"));
            assertThat(field(ack, "MSA", 3)).as(ack).startsWith("PENDING");
            String lost = east.jdbc().queryForObject("SELECT msgid FROM crossregion_request WHERE infno = '2207' "
                    + "AND status = 'WAITING'", String.class);
            OutpatientFlow gateway = east.bean(OutpatientFlow.class);
            assertThatThrownBy(() -> gateway.reverse(lost, Operator.system()))
                    .isInstanceOf(PlatformTimeoutException.class);
            CrossRegionHealth health = east.bean(CrossRegionHealth.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> health.backlog(PeerNodes.WEST) == 2);

            PeerNodes.start(west);
            CrossRegionStore store = east.bean(CrossRegionStore.class);
            await().atMost(Duration.ofSeconds(120)).until(() -> health.backlog(PeerNodes.WEST) == 0
                    && store.waiting(PeerNodes.WEST) == 0);
            // the hospital reverses again (its first 2601 timed out): nothing more to undo, the visit is free
            PlatformResponse reversed = gateway.reverse(lost, Operator.system());
            assertThat(reversed.infcode()).as(reversed.err_msg()).isEqualTo(PlatformResponse.SUCCESS);
            String settledAs = "SELECT COUNT(*) FROM node_settlement WHERE msgid = ? AND status = 'SETTLED'";
            assertThat(west.jdbc().queryForObject(settledAs, Integer.class, lost)).isZero();
            assertThat(east.jdbc().queryForObject(settledAs, Integer.class, lost)).isZero();
            assertThat(west.jdbc().queryForMap("SELECT otp_pool_paid, settle_cnt FROM node_person_year WHERE psn_no = ?",
                    STREAM_PSN)).isEqualTo(before);

            // settled again (new charge message): once, at both ends
            String again = send(his, Hl7.charges("R-P03-1B", STREAM_CERTNO, "郑凯", "R-V-1", "SETTLE"));
            assertThat(field(again, "MSA", 1)).as(again).isEqualTo("AA");
            assertThat(west.jdbc().queryForObject("SELECT settle_cnt FROM node_person_year WHERE psn_no = ?",
                    Integer.class, STREAM_PSN)).isEqualTo((Integer) before.get("settle_cnt") + 1);
            assertThat(east.jdbc().queryForObject("SELECT COUNT(*) FROM node_settlement WHERE setl_id = ? AND status = "
                    + "'SETTLED'", Integer.class, field(again, "ZST", 1))).isEqualTo(1);
        }
    }

    /**
     * {@code n} visits registered, then settled by {@link #SENDERS} HIS connections at once; west is stopped once a
     * quarter of them is settled, the second half is sent only after it is down (the rest is in flight while it
     * stops); west restarted, the HIS asks again for every pending one.
     */
    private void midStream(int n, String tag) throws Exception {
        int settledBefore = CrossRegionSettlementTest.settlementsOf(west, STREAM_PSN);
        assertThat(CrossRegionSettlementTest.settlementsOf(east, STREAM_PSN)).isEqualTo(settledBefore);
        ExecutorService his = Executors.newFixedThreadPool(SENDERS);
        try {
            // registered while the link is up (1101 needs west)
            parallel(his, n, (client, i) -> {
                String ack = send(client, Hl7.register(tag + "-A04-" + i, STREAM_CERTNO, "郑凯", tag + "-V-" + i));
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
            });

            AtomicInteger settled = new AtomicInteger();
            Map<Integer, String> firstAcks = new ConcurrentHashMap<>();
            CountDownLatch westDown = new CountDownLatch(1);
            long started = System.nanoTime();
            Future<?> stopper = Executors.newSingleThreadExecutor().submit(() -> {
                await().atMost(Duration.ofSeconds(120)).until(() -> settled.get() >= Math.max(1, n / 4));
                west.stop();
                westDown.countDown();
                return null;
            });
            parallel(his, n, (client, i) -> {
                if (i >= n / 2) {
                    assertThat(westDown.await(180, TimeUnit.SECONDS)).isTrue();
                }
                String ack = send(client, Hl7.charges(tag + "-P03-" + i, STREAM_CERTNO, "郑凯", tag + "-V-" + i,
                        "SETTLE"));
                firstAcks.put(i, ack);
                if ("AA".equals(field(ack, "MSA", 1))) {
                    settled.incrementAndGet();
                } else {
                    assertThat(field(ack, "MSA", 3)).as(ack).startsWith("PENDING");
                }
            });
            stopper.get(180, TimeUnit.SECONDS);
            int pending = n - settled.get();
            log.info("mid-stream {}: {} settled before west stopped, {} pending, first pass {} s", n, settled.get(),
                    pending, (System.nanoTime() - started) / 1_000_000_000L);
            assertThat(firstAcks).hasSize(n);
            assertThat(pending).isGreaterThanOrEqualTo(n - n / 2);   // at least everything sent after the stop
            CrossRegionStore store = east.bean(CrossRegionStore.class);
            assertThat(store.waiting(PeerNodes.WEST)).isBetween(1, pending);

            long restarted = System.nanoTime();
            PeerNodes.start(west);   // same folders, same broker port, same database
            CrossRegionHealth health = east.bean(CrossRegionHealth.class);
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health.backlog(PeerNodes.WEST) == 0 && store.waiting(PeerNodes.WEST) == 0);
            log.info("mid-stream {}: backlog drained {} s after west restarted", n,
                    (System.nanoTime() - restarted) / 1_000_000_000L);

            // the HIS asks again for every visit: each gets its one settlement
            List<String> setlIds = java.util.Collections.synchronizedList(new ArrayList<>());
            parallel(his, n, (client, i) -> {
                String ack = send(client, Hl7.charges(tag + "-P03-" + i, STREAM_CERTNO, "郑凯", tag + "-V-" + i,
                        "SETTLE"));
                assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
                assertThat(zst(ack).get(0)).isEqualTo("322.00");
                if ("AA".equals(field(firstAcks.get(i), "MSA", 1))) {
                    assertThat(ack).as("asked again: the same answer").isEqualTo(firstAcks.get(i));
                }
                setlIds.add(field(ack, "ZST", 1));
            });
            assertThat(new HashSet<>(setlIds)).hasSize(n);
        } finally {
            his.shutdownNow();
        }

        // exactly once at both ends: the same settlements, and the person's year at west holds each once
        assertThat(CrossRegionSettlementTest.settlementsOf(west, STREAM_PSN)).isEqualTo(settledBefore + n);
        assertThat(CrossRegionSettlementTest.settlementsOf(east, STREAM_PSN)).isEqualTo(settledBefore + n);
        String setlIdsOf = "SELECT setl_id FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED' ORDER BY setl_id";
        assertThat(east.jdbc().queryForList(setlIdsOf, String.class, STREAM_PSN))
                .isEqualTo(west.jdbc().queryForList(setlIdsOf, String.class, STREAM_PSN));
        Map<String, Object> year = west.jdbc().queryForMap("SELECT otp_pool_paid, settle_cnt FROM node_person_year "
                + "WHERE psn_no = ?", STREAM_PSN);
        assertThat(year).containsEntry("settle_cnt", settledBefore + n);
        BigDecimal paidAtEast = east.jdbc().queryForObject("SELECT SUM(hifp_pay) FROM node_settlement WHERE psn_no = ? "
                + "AND status = 'SETTLED'", BigDecimal.class, STREAM_PSN);
        assertThat((BigDecimal) year.get("otp_pool_paid")).isEqualByComparingTo(paidAtEast)
                .isLessThanOrEqualTo(new BigDecimal("600.00"));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        JsonNode report = CrossRegionSettlementTest.JSON.readTree(CrossRegionSettlementTest.get(east,
                "/api/crossregion/reconciliation?peer=510100&date=" + today, TestAuth.AUDITOR).body());
        assertThat(report.path("stmtRslt").asText()).as(report.toString()).isEqualTo("0");
    }

    interface Send {
        void run(MllpClient client, int i) throws Exception;
    }

    /** Requests 1..n spread over the HIS connections (one MLLP connection per sender thread). */
    private void parallel(ExecutorService his, int n, Send send) throws Exception {
        List<Future<?>> done = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int sender = s;
            done.add(his.submit(() -> {
                try (MllpClient client = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
                    for (int i = 1 + sender; i <= n; i += SENDERS) {
                        send.run(client, i);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(30, TimeUnit.MINUTES);
        }
    }
}
