package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.ConnectorRoutes;
import io.insurebridge.inbound.hl7.MllpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.insurebridge.model.Operator;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static io.insurebridge.crossregion.CrossRegionSettlementTest.JSON;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.get;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.send;
import static io.insurebridge.crossregion.CrossRegionSettlementTest.zst;
import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Off-site requests at the care node beyond the plain settlement. Cancellation (2208) and reversal (2601) of an off-site settlement: the care node (east) forwards them to the
 * insured place's node (west) like the 2207 itself; west cancels its settlement and restores the person's
 * accumulators and account, both sides record the cancellation with west's cancel setl_id, reconciliation agrees,
 * and a repeated msgid changes nothing. The eligibility directory: a person whose ID number points to the care area
 * but who is insured at west is found only through the directory; others still by their ID number's area.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossRegionOffSiteTest {
    static final String PSN = "51010000000000000005";
    /** born in Hangzhou (ID area 330106), insured in Chengdu (510100): known at west only */
    static final String MIGRANT_CERTNO = "330106199205150012";

    final PeerNodes.Node east = new PeerNodes.Node("east", PeerNodes.EAST, AppTestSupport.freePort());
    final PeerNodes.Node west = new PeerNodes.Node("west", PeerNodes.WEST, null);

    @BeforeAll
    void start() throws Exception {
        PeerNodes.prepare(east, west);
        PeerNodes.prepare(west, east);
        Files.writeString(west.base.resolve("mappings/persons.csv"), "51010000000000000010,钱程," + MIGRANT_CERTNO
                + ",1,1992-05-15,390,510100,1,0.00,,,,,\n", StandardOpenOption.APPEND);
        PeerNodes.start(west);
        PeerNodes.start(east);
    }

    @AfterAll
    void stop() {
        east.stop();
        west.stop();
    }

    @Test
    void offSiteCancellationAndReversalRestoreThePersonAtTheInsuredPlace() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            // visit 1 stays settled: the state every cancellation must come back to
            register(his, "C-A04-1", "V-C-1");
            assertThat(zst(settle(his, "C-P03-1", "V-C-1")).get(6)).isEqualTo("66.80");
            Map<String, Object> before = accumulators();
            assertThat(before).containsEntry("otp_dedc_used", new BigDecimal("100.00"))
                    .containsEntry("otp_pool_paid", new BigDecimal("66.80"))
                    .containsEntry("ci_burden", new BigDecimal("200.20"))
                    .containsEntry("settle_cnt", 1);
            BigDecimal balanceBefore = balance();

            // visit 2: settled (267.00 x 0.40 = 106.80), then cancelled by the HIS (2208 + 2205)
            register(his, "C-A04-2", "V-C-2");
            String settled = settle(his, "C-P03-2", "V-C-2");
            assertThat(zst(settled).get(6)).isEqualTo("106.80");
            String setlId = field(settled, "ZST", 1);
            String mdtrtId = east.jdbc().queryForObject("SELECT mdtrt_id FROM node_settlement WHERE setl_id = ?",
                    String.class, setlId);
            assertThat(accumulators()).containsEntry("otp_pool_paid", new BigDecimal("173.60"))
                    .containsEntry("settle_cnt", 2);

            String cancelled = send(his, Hl7.cancel("C-CXL-2", Hl7.CHEN_JING, "陈静", "V-C-2", mdtrtId, setlId));
            assertThat(field(cancelled, "MSA", 1)).as(cancelled).isEqualTo("AA");
            // the reversal figures are west's settlement negated
            assertThat(zst(cancelled).subList(0, 7)).containsExactly("-322.00", "-15.00", "-20.00", "-20.00",
                    "-267.00", "0.00", "-106.80");
            assertThat(accumulators()).isEqualTo(before);
            assertThat(balance()).isEqualByComparingTo(balanceBefore);
            String cancelSetlId = cancelledOn(west, setlId);
            assertThat(cancelSetlId).startsWith("S510100");
            assertThat(cancelledOn(east, setlId)).isEqualTo(cancelSetlId);
            assertThat(visitStatus(west, mdtrtId)).isEqualTo("REGISTERED");
            assertThat(visitStatus(east, mdtrtId)).isEqualTo("REGISTERED");

            // the HIS did not see the ACK: same answer, nothing changes
            assertThat(send(his, Hl7.cancel("C-CXL-2", Hl7.CHEN_JING, "陈静", "V-C-2", mdtrtId, setlId)))
                    .isEqualTo(cancelled);
            // the forwarded reversal delivered to west a second time (crash between send and acknowledge)
            String reverseMsgid = east.jdbc().queryForObject("SELECT msgid FROM crossregion_request WHERE infno = "
                    + "'2208'", String.class);
            String stored = west.jdbc().queryForObject("SELECT response FROM node_processed_request WHERE msgid = ?",
                    String.class, reverseMsgid);
            String settleMsgid = east.jdbc().queryForObject("SELECT msgid FROM node_settlement WHERE setl_id = ?",
                    String.class, setlId);
            assertThat(west.bean(InsuredSide.class).reverse(NodeJson.MAPPER.readTree("{\"msgid\":\"" + reverseMsgid
                    + "\",\"infno\":\"2208\",\"omsgid\":\"" + settleMsgid + "\",\"psn_no\":\"" + PSN + "\"}"),
                    PeerNodes.EAST)).isEqualTo(stored);
            assertThat(accumulators()).isEqualTo(before);

            // the visit settles again after its cancellation, from the same state
            String again = settle(his, "C-P03-2B", "V-C-2");
            assertThat(zst(again).get(6)).isEqualTo("106.80");

            // visit 3: settled, then the hospital reverses the answered 2207 (2601, e.g. the cash part failed)
            register(his, "C-A04-3", "V-C-3");
            String third = settle(his, "C-P03-3", "V-C-3");
            String thirdSetlId = field(third, "ZST", 1);
            String thirdMsgid = east.jdbc().queryForObject("SELECT msgid FROM node_settlement WHERE setl_id = ?",
                    String.class, thirdSetlId);
            Map<String, Object> beforeThird = accumulators();
            assertThat(beforeThird).containsEntry("settle_cnt", 3);
            PlatformResponse reversed = east.bean(OutpatientFlow.class).reverse(thirdMsgid, Operator.system(), true);
            assertThat(reversed.infcode()).as(reversed.err_msg()).isEqualTo(PlatformResponse.SUCCESS);
            assertThat(reversed.output().at("/setlinfo/orig_setl_id").asText()).isEqualTo(thirdSetlId);
            assertThat(reversed.output().at("/setlinfo/hifp_pay").decimalValue()).isEqualByComparingTo("-106.80");
            assertThat(accumulators()).containsEntry("otp_pool_paid", new BigDecimal("173.60"))
                    .containsEntry("settle_cnt", 2);
            assertThat(cancelledOn(east, thirdSetlId)).isEqualTo(cancelledOn(west, thirdSetlId)).isNotNull();

            // both sides: settled V-C-1 and V-C-2 (again); reconciliation agrees
            assertThat(CrossRegionSettlementTest.settlementsOf(west, PSN)).isEqualTo(2);
            assertThat(CrossRegionSettlementTest.settlementsOf(east, PSN)).isEqualTo(2);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            JsonNode report = JSON.readTree(get(east, "/api/crossregion/reconciliation?peer=510100&date=" + today,
                    TestAuth.AUDITOR).body());
            assertThat(report.path("stmtRslt").asText()).as(report.toString()).isEqualTo("0");
            assertThat(report.path("totalsHere")).isEqualTo(report.path("totalsAtPeer"));
            assertThat(report.at("/totalsHere/0/fixmedinsSetlCnt").asInt()).isEqualTo(2);
            assertThat(report.at("/totalsHere/0/fundPaySumamt").decimalValue()).isEqualByComparingTo("173.60");
        }
    }

    @Test
    void theEligibilityDirectoryIsAskedBeforeTheIdNumbersArea() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            // without a directory the ID number says 330106 (Hangzhou): no peer there, unknown at east
            String refused = send(his, Hl7.register("E-A04-1", MIGRANT_CERTNO, "钱程", "V-E-1"));
            assertThat(field(refused, "MSA", 1)).as(refused).isNotEqualTo("AA");
            assertThat(west.jdbc().queryForObject("SELECT COUNT(*) FROM node_processed_request WHERE infno = '1101' "
                    + "AND response LIKE '%51010000000000000010%'", Integer.class)).isZero();

            // the directory names west for this certificate: 1101 goes there, the person is insured at 510100
            Files.writeString(east.base.resolve("mappings").resolve(EligibilityDirectory.FILE), """
                    psn_cert_type,psn_cert_no,insuplc_admdvs
                    01,%s,510100
                    """.formatted(MIGRANT_CERTNO));
            String registered = send(his, Hl7.register("E-A04-2", MIGRANT_CERTNO, "钱程", "V-E-1"));
            assertThat(field(registered, "MSA", 1)).as(registered).isEqualTo("AA");
            assertThat(segments(registered, "ZIV").get(0)).startsWith("ZIV|51010000000000000010|钱程|390|510100|");

            // a person the directory does not list is still found by the ID number's area (5101xx: west)
            String byArea = send(his, Hl7.register("E-A04-3", Hl7.LIU_YANG, "刘洋", "V-E-3"));
            assertThat(field(byArea, "MSA", 1)).as(byArea).isEqualTo("AA");
            assertThat(segments(byArea, "ZIV").get(0)).startsWith("ZIV|51010000000000000004|刘洋|310|510100|");
        }
    }

    @Test
    void aPeerAddedWhileTheNodeRunsGetsItsGauges() throws Exception {
        MeterRegistry registry = east.bean(MeterRegistry.class);
        assertThat(registry.find("insurebridge.crossregion.backlog").tag("peer", PeerNodes.WEST).gauge()).isNotNull();
        assertThat(registry.find("insurebridge.crossregion.backlog").tag("peer", "440300").gauge()).isNull();
        Files.writeString(east.base.resolve("connectors/peer-440300.yaml"), """
                kind: peer-node
                admdvs: "440300"
                broker: tcp://127.0.0.1:%d
                """.formatted(AppTestSupport.freePort()));
        ConnectorRegistry.Changes changes = east.bean(ConnectorRoutes.class).reload();
        assertThat(changes.added()).extracting(ConnectorDefinition::name).containsExactly("peer-440300");
        assertThat(registry.get("insurebridge.crossregion.backlog").tag("peer", "440300").gauge().value()).isZero();
        assertThat(registry.get("insurebridge.crossregion.waiting").tag("peer", "440300").gauge().value()).isZero();
        assertThat(registry.get("insurebridge.crossregion.link.up").tag("peer", "440300").gauge().value()).isZero();
        JsonNode health = JSON.readTree(get(east, "/actuator/health", TestAuth.AUDITOR).body());
        assertThat(health.at("/components/crossRegion/details/peers/440300/link").asText()).isEqualTo("UNKNOWN");
    }

    private void register(MllpClient his, String controlId, String visitNo) throws Exception {
        String ack = send(his, Hl7.register(controlId, Hl7.CHEN_JING, "陈静", visitNo));
        assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        assertThat(segments(ack, "ZIV").get(0)).contains("|510100|");
    }

    private static String settle(MllpClient his, String controlId, String visitNo) throws Exception {
        String ack = send(his, Hl7.charges(controlId, Hl7.CHEN_JING, "陈静", visitNo, "SETTLE"));
        assertThat(field(ack, "MSA", 1)).as(ack).isEqualTo("AA");
        return ack;
    }

    private Map<String, Object> accumulators() {
        return west.jdbc().queryForMap("SELECT otp_dedc_used, otp_pool_paid, ci_burden, maf_paid, settle_cnt "
                + "FROM node_person_year WHERE psn_no = ?", PSN);
    }

    private BigDecimal balance() {
        return west.jdbc().queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                PSN);
    }

    private static String cancelledOn(PeerNodes.Node node, String setlId) {
        return node.jdbc().queryForObject("SELECT cancel_setl_id FROM node_settlement WHERE setl_id = ? "
                + "AND status = 'CANCELLED'", String.class, setlId);
    }

    private static String visitStatus(PeerNodes.Node node, String mdtrtId) {
        return node.jdbc().queryForObject("SELECT status FROM node_visit WHERE mdtrt_id = ?", String.class, mdtrtId);
    }
}
