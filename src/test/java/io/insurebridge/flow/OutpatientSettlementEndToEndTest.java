package io.insurebridge.flow;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole outpatient path over a real MLLP socket, real queues and the real settlement node: registration
 * (1101 + 2201) answered with ZIV, a pre-settlement and a settlement answered with the figures policy.md gives
 * by hand, a HIS retry answered from the store without a second settlement, and a gate refusal as AE.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutpatientSettlementEndToEndTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static java.nio.file.Path base;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        base = AppTestSupport.register(registry, "e2e", MLLP_PORT);
    }

    @Autowired org.springframework.boot.test.web.client.TestRestTemplate http;

    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static String pid(String certno, String name) {
        return "PID|1||" + certno + "^^^^ID||" + name + "||19800115|M";
    }

    static String pv1(String visitNo) {
        return "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo;
    }

    static String register(String controlId, String certno, String name, String visitNo) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000", pid(certno, name),
                pv1(visitNo), "ZIN|02|" + certno + "||||11") + "\r";
    }

    static String charges(String controlId, String certno, String name, String visitNo, String mode) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000", pid(certno, name),
                pv1(visitNo), "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "FT1|3|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00",
                "FT1|4|||20261130101000||CG|YP0007^止咳糖浆|||1|15.00|15.00",
                "FT1|5|||20261130101000||CG|JC3001^CT|||1|220.00|220.00",
                "ZIN|02|" + certno + "||" + mode + "|1|11") + "\r";
    }

    static String send(MllpClient client, String message) throws Exception {
        return client.send(message, StandardCharsets.UTF_8);
    }

    @Test
    void registerPreSettleSettleRetryAndRefusal() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            String registered = send(his, register("E2E-A04-1", "330102198001150117", "张伟", "V-E2E-1"));
            assertThat(field(registered, "MSA", 1)).isEqualTo("AA");
            String ziv = segments(registered, "ZIV").get(0);
            assertThat(ziv).startsWith("ZIV|33010000000000000001|张伟|310|330100|1000.00|");

            // pre-settlement: the figures, nothing committed
            String pre = send(his, charges("E2E-P03-1", "330102198001150117", "张伟", "V-E2E-1", "PRE"));
            assertThat(field(pre, "MSA", 1)).as(pre).isEqualTo("AA");
            assertThat(field(pre, "ZST", 17)).isEqualTo("PRE");

            String settled = send(his, charges("E2E-P03-2", "330102198001150117", "张伟", "V-E2E-1", "SETTLE"));
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            // by hand (policy.md, demo data): items 10.00 + 57.00 + 20.00 (class A) + 15.00 (self-pay 03)
            // + CT 220.00 over its 200.00 ceiling (overlmt 20.00; class B: preselfpay 200 x 0.10 = 20.00, inscp 180)
            // medfee 322.00, inscp 267.00; deductible 200 -> hifp round(67 x 0.70) = 46.90;
            // psn_part 275.10 all from the account (acct_used_flag 1, balance 1000.00) -> balc 724.90
            assertThat(field(settled, "ZST", 3)).isEqualTo("322.00");   // medfee_sumamt
            assertThat(field(settled, "ZST", 4)).isEqualTo("15.00");    // fulamt_ownpay_amt
            assertThat(field(settled, "ZST", 5)).isEqualTo("20.00");    // overlmt_selfpay
            assertThat(field(settled, "ZST", 6)).isEqualTo("20.00");    // preselfpay_amt
            assertThat(field(settled, "ZST", 7)).isEqualTo("267.00");   // inscp_scp_amt
            assertThat(field(settled, "ZST", 8)).isEqualTo("200.00");   // act_pay_dedc
            assertThat(field(settled, "ZST", 9)).isEqualTo("46.90");    // hifp_pay
            assertThat(field(settled, "ZST", 12)).isEqualTo("46.90");   // fund_pay_sumamt
            assertThat(field(settled, "ZST", 13)).isEqualTo("275.10");  // psn_part_amt
            assertThat(field(settled, "ZST", 14)).isEqualTo("275.10");  // acct_pay
            assertThat(field(settled, "ZST", 15)).isEqualTo("0.00");    // psn_cash_pay
            assertThat(field(settled, "ZST", 16)).isEqualTo("724.90");  // balc
            assertThat(field(settled, "ZST", 17)).isEqualTo("SETTLE");
            assertThat(segments(settled, "ZSD")).containsExactlyInAnyOrder(
                    "ZSD|310100|" + field(settled, "ZSD", 2) + "|46.90",
                    "ZSD|310200|" + segments(settled, "ZSD").get(1).split("\\|")[2] + "|275.10");
            assertThat(segments(settled, "ZFD")).hasSize(5);

            // the HIS did not see the ACK and sends the settlement again: same answer, settled once
            String retried = send(his, charges("E2E-P03-2", "330102198001150117", "张伟", "V-E2E-1", "SETTLE"));
            assertThat(retried).isEqualTo(settled);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                    Integer.class, "33010000000000000001")).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?",
                    BigDecimal.class, "33010000000000000001")).isEqualByComparingTo("724.90");

            // the cashier cancels the settlement (2208 + 2205): every accumulator and the account come back
            String setlId = field(settled, "ZST", 1);
            String cancelled = send(his, charges("E2E-P03-3", "330102198001150117", "张伟", "V-E2E-1", "CANCEL")
                    .replace("|CANCEL|1|11", "|CANCEL|1|11||" + field(settled, "ZST", 2) + "|" + setlId));
            assertThat(field(cancelled, "MSA", 1)).as(cancelled).isEqualTo("AA");
            assertThat(jdbc.queryForObject("SELECT status FROM node_settlement WHERE setl_id = ?", String.class, setlId))
                    .isEqualTo("CANCELLED");
            assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?",
                    BigDecimal.class, "33010000000000000001")).isEqualByComparingTo("1000.00");

            // and the registration itself (ADT^A11 -> 2202)
            String a11 = send(his, register("E2E-A11-1", "330102198001150117", "张伟", "V-E2E-1")
                    .replace("ADT^A04^ADT_A01", "ADT^A11^ADT_A09").replace("EVN|A04", "EVN|A11"));
            assertThat(field(a11, "MSA", 1)).as(a11).isEqualTo("AA");
            assertThat(jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = 'V-E2E-1'", String.class))
                    .isEqualTo("CANCELLED");

            // a person under a fraud suspension: the node's refusal reaches the cashier as AE
            String refused = send(his, register("E2E-A04-2", "330104197003010634", "赵磊", "V-E2E-2"));
            assertThat(field(refused, "MSA", 1)).isEqualTo("AE");
            assertThat(field(refused, "MSA", 3)).contains("fraud suspension");
        }
        // six messages, each processed once (the retry added no row)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE status = 'PROCESSED' AND control_id IN "
                + "('E2E-A04-1', 'E2E-P03-1', 'E2E-P03-2', 'E2E-P03-3', 'E2E-A11-1', 'E2E-A04-2')", Integer.class))
                .isEqualTo(6);
    }

    @Test
    void unmappedLocalCodeIsHeldNamedAndCarriedOnOnceTheCrosswalkKnowsIt() throws Exception {
        String held = charges("E2E-P03-9", "330102199211030222", "李娜", "V-E2E-9", "PRE")
                .replace("JY2001^血常规", "XX9999^未知项目");
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            assertThat(field(send(his, register("E2E-A04-9", "330102199211030222", "李娜", "V-E2E-9")), "MSA", 1))
                    .isEqualTo("AA");
            String ack = send(his, held);
            assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
            List<String> errs = segments(ack, "ERR");
            assertThat(errs).singleElement().satisfies(err -> {
                assertThat(err.split("\\|", -1)[2]).isEqualTo("FT1^3^7^1^");
                assertThat(err).contains("103^Table value not found").contains("XX9999");
            });
        }
        Long gapId = jdbc.queryForObject("SELECT id FROM mapping_gaps WHERE local_code = 'XX9999'", Long.class);
        assertThat(store.count(MessageStatus.NEEDS_MAPPING)).isEqualTo(1);

        // the engineer completes the crosswalk; the reload is picked up and the held message carried on
        java.nio.file.Files.writeString(base.resolve("mappings/crosswalk.csv"),
                "H33010000001,XX9999,250101001000000,201\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.ENGINEER, http).postForEntity("/api/mappings/reload", null, String.class).getStatusCode().value())
                .isEqualTo(200);
        String outcome = io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.OPERATOR, http).postForObject("/api/mapping-gaps/" + gapId + "/reprocess", null, String.class);
        assertThat(outcome).contains("REPROCESSED");
        assertThat(store.count(MessageStatus.NEEDS_MAPPING)).isZero();

        // the HIS asks again with the same control id and now gets the pre-settlement figures
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            String again = send(his, held);
            assertThat(field(again, "MSA", 1)).as(again).isEqualTo("AA");
            // 李娜, resident 390, level-3: items as in the settled case (XX9999 is the CBC now): inscp 267.00,
            // no deductible, hifp round(267.00 x 0.50) = 133.50
            assertThat(field(again, "ZST", 7)).isEqualTo("267.00");
            assertThat(field(again, "ZST", 9)).isEqualTo("133.50");
            assertThat(field(again, "ZST", 17)).isEqualTo("PRE");
        }
    }
}
