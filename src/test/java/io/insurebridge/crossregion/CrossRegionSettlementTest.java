package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;

import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two settlement nodes, east (330100, the care place: the HIS of H33010000001 talks HL7 to it) and west (510100,
 * where 刘洋 and 陈静 are insured), each its own Spring Boot application with its own broker, Hazelcast and database,
 * linked by peer-node connector files over loopback TCP. An off-site visit is registered and settled at east with
 * west's policy and west's person state, figures checked against hand-computed values; then the two nodes
 * reconcile and a corrupted record is found.
 */

@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossRegionSettlementTest {
    static final ObjectMapper JSON = new ObjectMapper();

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
    @Order(1)
    void offSiteVisitsAreSettledWithTheInsuredPlacesPolicyAndState() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", east.mllpPort, 120_000)) {
            // 陈静 is unknown at east: 1101 goes to west (found from the ID number's area 5101xx)
            String registered = send(his, Hl7.register("XR-A04-1", Hl7.CHEN_JING, "陈静", "V-XR-1"));
            assertThat(field(registered, "MSA", 1)).as(registered).isEqualTo("AA");
            assertThat(segments(registered, "ZIV").get(0)).startsWith("ZIV|51010000000000000005|陈静|390|510100|0.00|");

            String settled = send(his, Hl7.charges("XR-P03-1", Hl7.CHEN_JING, "陈静", "V-XR-1", "SETTLE"));
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            // care place's catalog (east): medfee 322.00, self-pay 15.00, over ceiling 20.00, class B 20.00,
            // in scope 267.00. Insured place's policy (west, 390, level-3 institution): deductible 100.00, ratio 0.50
            // minus 0.10 (no filing to 330100) = 0.40 -> hifp round(167.00 x 0.40) = 66.80; critical illness: burden
            // 200.20 below the 2500.00 threshold -> 0.00; no account (resident) -> cash 255.20
            assertThat(zst(settled)).containsExactly("322.00", "15.00", "20.00", "20.00", "267.00", "100.00", "66.80",
                    "0.00", "0.00", "66.80", "255.20", "0.00", "255.20", "0.00", "SETTLE");
            String setlId = field(settled, "ZST", 1);
            assertThat(setlId).startsWith("S510100");

            // the HIS did not see the ACK: same answer, settled once at both ends
            assertThat(send(his, Hl7.charges("XR-P03-1", Hl7.CHEN_JING, "陈静", "V-XR-1", "SETTLE")))
                    .isEqualTo(settled);
            assertThat(settlementsOf(west, "51010000000000000005")).isEqualTo(1);
            assertThat(settlementsOf(east, "51010000000000000005")).isEqualTo(1);

            // the person's state lives at west only
            assertThat(west.jdbc().queryForMap("SELECT otp_dedc_used, otp_pool_paid, ci_burden, settle_cnt "
                    + "FROM node_person_year WHERE psn_no = '51010000000000000005'"))
                    .containsEntry("otp_dedc_used", new BigDecimal("100.00"))
                    .containsEntry("otp_pool_paid", new BigDecimal("66.80"))
                    .containsEntry("ci_burden", new BigDecimal("200.20"))
                    .containsEntry("settle_cnt", 1);
            assertThat(east.jdbc().queryForObject("SELECT COUNT(*) FROM node_person_year WHERE psn_no = "
                    + "'51010000000000000005'", Integer.class)).isZero();
            // answered to the hospital like a local settlement, pay_loc 4 (330000 and 510000: other province)
            JsonNode answer = JSON.readTree(east.jdbc().queryForObject("SELECT response FROM node_processed_request "
                    + "WHERE infno = '2207' AND response LIKE ?", String.class, "%" + setlId + "%"));
            assertThat(answer.at("/output/setlinfo/pay_loc").asText()).isEqualTo("4");
            assertThat(answer.at("/output/setlinfo/insutype").asText()).isEqualTo("390");
            // both sides hold the same settlement (setl_id, msgid, amounts) for reconciliation
            assertThat(west.jdbc().queryForObject("SELECT fund_pay_sumamt FROM node_settlement WHERE setl_id = ?",
                    BigDecimal.class, setlId)).isEqualByComparingTo("66.80");
            assertThat(east.jdbc().queryForObject("SELECT fund_pay_sumamt FROM node_settlement WHERE setl_id = ?",
                    BigDecimal.class, setlId)).isEqualByComparingTo("66.80");

            // 刘洋 filed his care to 330100: full ratio 0.60 of west's employee policy, deductible 300.00
            assertThat(field(send(his, Hl7.register("XR-A04-2", Hl7.LIU_YANG, "刘洋", "V-XR-2")), "MSA", 1))
                    .isEqualTo("AA");
            String first = send(his, Hl7.charges("XR-P03-2", Hl7.LIU_YANG, "刘洋", "V-XR-2", "SETTLE"));
            // in scope 267.00 all under the deductible: no fund; 322.00 from the account (balance 300.00) + cash
            assertThat(zst(first)).containsExactly("322.00", "15.00", "20.00", "20.00", "267.00", "267.00", "0.00",
                    "0.00", "0.00", "0.00", "322.00", "300.00", "22.00", "0.00", "SETTLE");
            assertThat(field(send(his, Hl7.register("XR-A04-3", Hl7.LIU_YANG, "刘洋", "V-XR-3")), "MSA", 1))
                    .isEqualTo("AA");
            String second = send(his, Hl7.charges("XR-P03-3", Hl7.LIU_YANG, "刘洋", "V-XR-3", "SETTLE"));
            // west remembers the year: 33.00 of the deductible left, hifp round(234.00 x 0.60) = 140.40
            assertThat(zst(second)).containsExactly("322.00", "15.00", "20.00", "20.00", "267.00", "33.00", "140.40",
                    "0.00", "0.00", "140.40", "181.60", "0.00", "181.60", "0.00", "SETTLE");
        }
    }

    @Test
    @Order(2)
    void linkStatusAndBacklogAreInTheHealthEndpoint() throws Exception {
        JsonNode health = JSON.readTree(get(east, "/actuator/health", TestAuth.AUDITOR).body());
        JsonNode peer = health.at("/components/crossRegion/details/peers/510100");
        assertThat(peer.path("link").asText()).isEqualTo("UP");
        assertThat(peer.path("backlog").asLong()).isZero();
        assertThat(peer.path("waitingForAnswer").asInt()).isZero();
        assertThat(peer.path("delivered").asLong()).isPositive();
    }

    @Test
    @Order(3)
    void reconciliationReportsTheCorruptedRecord() throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String uri = "/api/crossregion/reconciliation?peer=510100&date=" + today;
        JsonNode agreed = JSON.readTree(get(east, uri, TestAuth.AUDITOR).body());
        assertThat(agreed.path("stmtRslt").asText()).as(agreed.toString()).isEqualTo("0");
        assertThat(agreed.path("totalsHere")).hasSize(2);   // H33010000001 x (310, 390)
        assertThat(agreed.path("differences")).isEmpty();

        String setlId = east.jdbc().queryForObject("SELECT setl_id FROM node_settlement WHERE psn_no = "
                + "'51010000000000000005'", String.class);
        east.jdbc().update("UPDATE node_settlement SET fund_pay_sumamt = fund_pay_sumamt + 1 WHERE setl_id = ?", setlId);
        try {
            HttpResponse<String> response = get(east, uri, TestAuth.AUDITOR);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode report = JSON.readTree(response.body());
            assertThat(report.path("stmtRslt").asText()).isEqualTo("1");
            assertThat(report.path("differences")).hasSize(1);
            JsonNode d = report.path("differences").get(0);
            assertThat(d.path("kind").asText()).isEqualTo("AMOUNTS_DIFFER");
            assertThat(d.path("setlId").asText()).isEqualTo(setlId);
            assertThat(d.at("/here/fundPaySumamt").decimalValue()).isEqualByComparingTo("67.80");
            assertThat(d.at("/peer/fundPaySumamt").decimalValue()).isEqualByComparingTo("66.80");

            // a record west has and east lost is reported too
            east.jdbc().update("UPDATE node_settlement SET status = 'CANCELLED' WHERE setl_id = ?", setlId);
            JsonNode missing = JSON.readTree(get(east, uri, TestAuth.AUDITOR).body());
            assertThat(missing.path("differences")).singleElement().satisfies(m -> {
                assertThat(m.path("kind").asText()).isEqualTo("ONLY_AT_PEER");
                assertThat(m.path("setlId").asText()).isEqualTo(setlId);
            });
        } finally {
            east.jdbc().update("UPDATE node_settlement SET fund_pay_sumamt = 66.80, status = 'SETTLED' WHERE setl_id = ?",
                    setlId);
        }
    }

    static int settlementsOf(PeerNodes.Node node, String psnNo) {
        return node.jdbc().queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, psnNo);
    }

    static String send(MllpClient client, String message) throws Exception {
        return client.send(message, StandardCharsets.UTF_8);
    }

    /** ZST-3 .. ZST-17: the amounts and the mode. */
    static java.util.List<String> zst(String ack) {
        String[] f = segments(ack, "ZST").get(0).split("\\|", -1);
        return java.util.Arrays.asList(f).subList(3, 18);
    }

    static HttpResponse<String> get(PeerNodes.Node node, String path, String user) throws Exception {
        return HttpClient.newHttpClient().send(TestAuth.as(user, HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + node.httpPort() + path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
