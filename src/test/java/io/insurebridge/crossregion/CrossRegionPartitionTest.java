package io.insurebridge.crossregion;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.insurebridge.crossregion.CrossRegionSettlementTest.send;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.zst;
import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The insured place's node is down while off-site visits are settled at the care place: every settlement waits
 * durably on east's store-and-forward queue, the HIS is told "pending", the link shows DOWN with its backlog; west
 * comes back (same data, same ports), every request is settled exactly once and the HIS gets each result when it
 * asks again. Size: -Dinsurebridge.crossregion.partition-visits (default 3: the bounded version CI runs).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRegionPartitionTest {
    static final int VISITS = Integer.getInteger("insurebridge.crossregion.partition-visits", 3);
    static final String PSN = "51010000000000000005";

    final PeerNodes.Node east = new PeerNodes.Node("east", PeerNodes.EAST, AppTestSupport.freePort());
    final PeerNodes.Node west = new PeerNodes.Node("west", PeerNodes.WEST, null);

    @BeforeAll
    void start() throws Exception {
        PeerNodes.prepare(east, west);
        PeerNodes.prepare(west, east);
        PeerNodes.start(west);
        PeerNodes.start(east);
    }

    @AfterAll
    void stop() {
        east.stop();
        west.stop();
    }

    @Test
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
}
