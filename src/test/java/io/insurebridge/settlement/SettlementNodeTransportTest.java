package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.state.Settlements;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import jakarta.jms.TextMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jms.core.JmsTemplate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Same engine behind HTTP and JMS; a repeated msgid (retry, redelivery, either transport) gets the stored answer
 * and changes nothing; concurrent settlements of one person lose no update.
 */
class SettlementNodeTransportTest extends NodeTestSupport {
    static final String CT = "210300001000000";
    static final String AMLODIPINE = "XC08CAA148A001000000001";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ConnectionFactory connectionFactory;
    @Autowired
    Settlements settlements;
    @Autowired
    ProducerTemplate camel;
    @Value("${insurebridge.queues.settlement}")
    String settlementQueue;
    @Value("${insurebridge.queues.eligibility}")
    String eligibilityQueue;

    @Test
    void sameMsgidThreeTimesOverHttpSettlesOnce() {
        // 刘洋 clone: 310 insured in 510100, filed to 330100 -> 510100's policy at the full ratio 0.60
        // CT 2x180 = 360: pre 36, inscp 324; dedc 300; hifp round(24 x 0.60) = 14.40; psn_part 345.60;
        // account 300.00 pays 300.00, cash 45.60, balc 0.00
        String psn = DemoMappings.clone("51010000000000000004", 1);
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", CT + " 2 180.00");
        ObjectNode envelope = envelope("2207", newMsgid(), settleInput(mdtrtId, psn, "1"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ResponseEntity<String> r = http.postForEntity("/fsi/api/callService", json(envelope.toString()),
                    String.class);
            assertThat(r.getStatusCode().value()).isEqualTo(200);
            answers.add(r.getBody());
        }
        assertThat(new HashSet<>(answers)).hasSize(1);
        PlatformResponse response = NodeJson.response(answers.get(0));
        assertThat(response.infcode()).as(response.err_msg()).isZero();
        JsonNode setl = response.output().get("setlinfo");
        assertThat(amount(setl, "hifp_pay")).isEqualByComparingTo("14.40");
        assertThat(amount(setl, "acct_pay")).isEqualByComparingTo("300.00");
        assertThat(amount(setl, "psn_cash_pay")).isEqualByComparingTo("45.60");
        assertThat(setl.get("pay_loc").asText()).as("510000 person cared for in 330000").isEqualTo("4");
        assertThat(setl.get("clr_optins").asText()).isEqualTo("510100");
        assertThat(settlements.countSettled(psn)).isEqualTo(1);
        assertThat(balance(psn)).isEqualByComparingTo("0.00");
        assertThat(accumulators(psn).outpatientDeductibleUsed()).isEqualByComparingTo("300.00");
        assertThat(accumulators(psn).outpatientPooledPaid()).isEqualByComparingTo("14.40");
        // the same msgid over JMS: the stored answer too
        assertThat(sendAndReceive(settlementQueue, envelope.toString())).isEqualTo(answers.get(0));
        assertThat(settlements.countSettled(psn)).isEqualTo(1);
    }

    @Test
    void sameMsgidThreeTimesOverJmsSettlesOnce() {
        // 陈静 clone: 390 insured in 510100, no filing: ratio 0.50 - 0.10 = 0.40, deductible 100
        // CT 2x180: inscp 324; dedc 100; hifp round(224 x 0.40) = 89.60; psn_part 270.40
        String psn = DemoMappings.clone("51010000000000000005", 1);
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", CT + " 2 180.00");
        String body = envelope("2207", newMsgid(), settleInput(mdtrtId, psn, "0")).toString();

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            answers.add(sendAndReceive(settlementQueue, body));
        }
        assertThat(new HashSet<>(answers)).hasSize(1);
        JsonNode setl = NodeJson.response(answers.get(0)).output().get("setlinfo");
        assertThat(amount(setl, "hifp_pay")).isEqualByComparingTo("89.60");
        assertThat(amount(setl, "psn_part_amt")).isEqualByComparingTo("270.40");
        assertThat(settlements.countSettled(psn)).isEqualTo(1);
        assertThat(accumulators(psn).outpatientDeductibleUsed()).isEqualByComparingTo("100.00");
        assertThat(accumulators(psn).outpatientPooledPaid()).isEqualByComparingTo("89.60");
        assertThat(accumulators(psn).settlements()).isEqualTo(1);

        // eligibility over its own queue
        PlatformResponse info = NodeJson.response(sendAndReceive(eligibilityQueue, envelope("1101", newMsgid(),
                data("mdtrt_cert_type", "02", "mdtrt_cert_no", "51010519880808052X")).toString()));
        assertThat(info.output().get("baseinfo").get("psn_name").asText()).isEqualTo("陈静");
        assertThat(info.output().get("insuinfo").get(0).get("insuplc_admdvs").asText()).isEqualTo("510100");
    }

    @Test
    void answersTheGatewaysClientModeWithoutEchoingTheDuplicateId() {
        // as the gateway's JmsPlatformClient sends: fixed exclusive reply queue, Artemis duplicate id = msgid
        String msgid = newMsgid();
        Exchange answer = camel.send("jms:queue:" + eligibilityQueue + "?exchangePattern=InOut"
                + "&replyTo=node.test.replies&replyToType=Exclusive&requestTimeout=30000", ExchangePattern.InOut,
                exchange -> {
                    exchange.getIn().setBody(envelope("1101", msgid, data("mdtrt_cert_type", "02",
                            "mdtrt_cert_no", "330102199211030222")).toString());
                    exchange.getIn().setHeader("_AMQ_DUPL_ID", msgid);
                });
        assertThat(answer.getException()).isNull();
        PlatformResponse response = NodeJson.response(answer.getMessage().getBody(String.class));
        assertThat(response.output().get("baseinfo").get("psn_name").asText()).isEqualTo("李娜");
        assertThat(answer.getMessage().getHeader("_AMQ_DUPL_ID")).isNull();
    }

    @Test
    void malformedJsonIsAnEnvelopeWithInfcodeMinusOne() {
        ResponseEntity<String> r = http.postForEntity("/fsi/api/callService", json("{\"infno\": \"2207\", "),
                String.class);
        assertThat(r.getStatusCode().value()).isEqualTo(200);
        PlatformResponse response = NodeJson.response(r.getBody());
        assertThat(response.infcode()).isEqualTo(PlatformResponse.FAILURE);
        assertThat(response.err_msg()).startsWith("Malformed request");
        assertThat(response.inf_refmsgid()).hasSize(30);
        assertThat(NodeJson.response(sendAndReceive(settlementQueue, "not json")).err_msg())
                .startsWith("Malformed request");
    }

    @Test
    void concurrentSettlementsOfOnePersonLoseNoUpdate() throws Exception {
        // 张伟 clone (310, account 1000.00, deductible 200, ratio 0.70): 8 visits of amlodipine 4x25 = 100 each,
        // whatever the order: two visits fall wholly in the deductible (dedc 100, hifp 0, psn_part 100), six pay
        // hifp round(100 x 0.70) = 70 (psn_part 30). Totals: deductible 200, pooled 6 x 70 = 420,
        // B0 = 800 - 420 = 380, account pays 2 x 100 + 6 x 30 = 380 -> balance 620.00.
        String psn = DemoMappings.clone("33010000000000000001", 3);
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", AMLODIPINE + " 4 25.00");
            bodies.add(envelope("2207", newMsgid(), settleInput(mdtrtId, psn, "1")).toString());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // every msgid twice, all at once: 16 requests, 8 settlements
            CountDownLatch start = new CountDownLatch(1);
            Map<Integer, List<Future<String>>> copies = new ConcurrentHashMap<>();
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < bodies.size(); i++) {
                    String body = bodies.get(i);
                    copies.computeIfAbsent(i, k -> new CopyOnWriteArrayList<>()).add(pool.submit(() -> {
                        start.await();
                        return node.handleJson(body);
                    }));
                }
            }
            start.countDown();
            for (List<Future<String>> futures : copies.values()) {
                String first = futures.get(0).get(60, TimeUnit.SECONDS);
                assertThat(NodeJson.response(first).infcode()).as(first).isZero();
                assertThat(futures.get(1).get(60, TimeUnit.SECONDS)).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(settlements.countSettled(psn)).isEqualTo(8);
        var acc = accumulators(psn);
        assertThat(acc.outpatientDeductibleUsed()).isEqualByComparingTo("200.00");
        assertThat(acc.outpatientPooledPaid()).isEqualByComparingTo("420.00");
        assertThat(acc.criticalIllnessBurden()).isEqualByComparingTo("380.00");
        assertThat(acc.settlements()).isEqualTo(8);
        assertThat(balance(psn)).isEqualByComparingTo("620.00");
    }

    private ObjectNode envelope(String infno, String msgid, ObjectNode input) {
        return NodeJson.MAPPER.valueToTree(request(infno, msgid, HOSPITAL, input));
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    /** JMS request-reply through the node's Camel route (temporary reply queue). */
    private String sendAndReceive(String queue, String body) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(30_000);
        var reply = jms.sendAndReceive(queue, session -> session.createTextMessage(body));
        assertThat(reply).as("reply from %s", queue).isNotNull();
        try {
            return ((TextMessage) reply).getText();
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
