package io.insurebridge.platform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

import io.insurebridge.mapping.MappingSource;
import io.insurebridge.model.SettleMode;
import io.insurebridge.platform.DemoWorld;
import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.SimulatedPlatform;
import io.insurebridge.platform.TransactionInputs;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.RegistrationResult;

/**
 * The gateway wired by Spring on the embedded Artemis broker, Hazelcast member and H2 store: the outpatient flow
 * talks JMS request-reply to a test-only Camel route that answers as the platform would; a queue nobody reads gives
 * the timeout.
 */
@SpringBootTest(properties = {
        "insurebridge.data-dir=" + GatewayPlatformSpringTest.DATA_DIR,
        "server.port=0",
        "insurebridge.roles.node=false",
        "insurebridge.queues.eligibility=test.gateway.eligibility",
        "insurebridge.queues.settlement=test.gateway.settlement",
        "insurebridge.platform.timeout=3s",
        "insurebridge.platform.reply-queue=test.gateway.replies",
        "insurebridge.platform.zone=Asia/Shanghai",
        "insurebridge.platform.sign-nos[H33010000001]=SIGN20260302000001",
        "camel.main.routes-include-pattern=classpath:gateway-test-routes-none/*.yaml"
})
class GatewayPlatformSpringTest {

    static final String DATA_DIR = "./target/test-data/gateway-platform";   // H2 wants an explicit ./

    static {
        // a fresh broker journal and database each run: earlier runs' visits and requests must not answer for this one
        FileSystemUtils.deleteRecursively(Path.of(DATA_DIR).toFile());
    }

    /** JMS headers of each request as the node received it, by msgid. */
    static class HeadersSeenByNode extends ConcurrentHashMap<String, Map<String, Object>> {}

    @TestConfiguration
    static class SimulatedPlatformNode {
        @Bean
        @Primary
        MappingSource demoMappings() {
            return DemoWorld.mappingSource();
        }

        @Bean
        SimulatedPlatform simulatedPlatform() {
            return new SimulatedPlatform(DemoWorld.snapshot());
        }

        @Bean
        HeadersSeenByNode headersSeenByNode() {
            return new HeadersSeenByNode();
        }

        /** Test-only responder: what the settlement node does on its queues, in the platform's shape. */
        @Bean
        RouteBuilder simulatedNodeRoutes(SimulatedPlatform platform, HeadersSeenByNode headersSeenByNode) {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    for (String queue : List.of("{{insurebridge.queues.eligibility}}", "{{insurebridge.queues.settlement}}")) {
                        from("jms:queue:" + queue + "?concurrentConsumers=2")
                                .routeId("test-simulated-node-" + queue.replaceAll("\\W", ""))
                                .process(exchange -> answer(exchange, platform, headersSeenByNode));
                    }
                }
            };
        }

        private static void answer(Exchange exchange, SimulatedPlatform platform,
                                   HeadersSeenByNode headersSeenByNode) {
            PlatformRequest request = PlatformJson.read(exchange.getIn().getBody(String.class), PlatformRequest.class);
            headersSeenByNode.put(request.msgid(), new java.util.HashMap<>(exchange.getIn().getHeaders()));
            exchange.getMessage().setBody(PlatformJson.write(platform.answer(request)));
        }
    }

    @Autowired OutpatientFlow flow;
    @Autowired @Qualifier("gatewayPlatformClient") PlatformClient client;
    @Autowired SimulatedPlatform platform;
    @Autowired HeadersSeenByNode headersSeenByNode;
    @Autowired ProducerTemplate producer;
    @Autowired PlatformProperties properties;
    @Autowired JdbcTemplate jdbc;

    @Test
    void theConfiguredTransportIsJmsWithTheConfiguredTimeout() {
        assertThat(client).isInstanceOf(JmsPlatformClient.class);
        assertThat(((JmsPlatformClient) client).replyQueue()).isEqualTo("test.gateway.replies");
        assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void registersAndSettlesOverTheBroker() {
        RegistrationResult registration = flow.register(DemoWorld.zhangWeiVisit("JMS001", SettleMode.SETTLE));
        ChargeResult charge = flow.charge(DemoWorld.zhangWeiVisit("JMS001", SettleMode.SETTLE));

        assertThat(registration.psnName()).isEqualTo("张伟");
        assertThat(registration.insuplcAdmdvs()).isEqualTo("330100");
        assertThat(charge.setlinfo().medfeeSumamt()).isEqualByComparingTo("118.19");
        assertThat(charge.setlinfo().hifpPay()).isEqualByComparingTo("78.73");
        assertThat(charge.fees()).hasSize(3);
        assertThat(jdbc.queryForList("SELECT infno FROM platform_calls WHERE visit_no = 'JMS001' AND status = 'ANSWERED' "
                + "ORDER BY id", String.class)).containsExactly("1101", "2201", "2203", "2204", "2207");
        assertThat(jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = 'JMS001'", String.class))
                .isEqualTo("SETTLED");

        // the node saw persistent requests, this instance's fixed reply queue, and a per-send duplicate id
        String settlementMsgid = charge.setlinfo().medinsSetlId();
        Map<String, Object> seen = headersSeenByNode.get(settlementMsgid);
        assertThat(seen.get("JMSDeliveryMode")).isEqualTo(jakarta.jms.DeliveryMode.PERSISTENT);
        assertThat(String.valueOf(seen.get("JMSReplyTo"))).contains("test.gateway.replies");
        assertThat(seen.get("infno")).isEqualTo("2207");
        assertThat(String.valueOf(seen.get(JmsPlatformClient.DUPLICATE_ID))).startsWith(settlementMsgid + "/");
        assertThat(String.valueOf(seen.get("JMSDestination"))).contains("test.gateway.settlement");
        String personQueryMsgid = jdbc.queryForObject(
                "SELECT msgid FROM platform_calls WHERE visit_no = 'JMS001' AND infno = '1101'", String.class);
        assertThat(personQueryMsgid).hasSize(30).startsWith("H33010000001");
        assertThat(jdbc.queryForObject("SELECT request_json FROM platform_calls WHERE msgid = ?", String.class,
                personQueryMsgid)).contains("\"sign_no\":\"SIGN20260302000001\"", "\"infver\":\"V1.0\"");
        assertThat(String.valueOf(headersSeenByNode.get(personQueryMsgid).get("JMSDestination")))
                .contains("test.gateway.eligibility");
    }

    @Test
    void aRefusalTravelsBackAsRejection() {
        flow.register(DemoWorld.zhangWeiVisit("JMS002", SettleMode.SETTLE));
        platform.refuseNext("2203", "就诊信息不完整");

        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("JMS002", SettleMode.SETTLE)))
                .isInstanceOfSatisfying(PlatformRejectedException.class,
                        e -> assertThat(e.errMsg()).isEqualTo("就诊信息不完整"));
    }

    @Test
    void nobodyRepliesMeansTimeoutWithinTheConfiguredTime() {
        Duration timeout = Duration.ofSeconds(1);
        JmsPlatformClient unanswered = new JmsPlatformClient(producer, "test.gateway.nobody", "test.gateway.nobody",
                properties.withTimeout(timeout).withReplyQueue(null));
        PlatformRequest request = new PlatformRequest("1101", "H33010000001202603020916059999", "330100", "330100",
                "YBXT", null, null, null, null, "V1.0", "1", "C0042", "收费员李", "2026-03-02 09:16:05",
                DemoWorld.HOSPITAL, "Demo East First People's Hospital", null,
                TransactionInputs.personInfo1101(DemoWorld.zhangWeiVisit("JMS003", SettleMode.SETTLE)));

        long started = System.nanoTime();
        assertThatThrownBy(() -> unanswered.call(request)).isInstanceOfSatisfying(PlatformTimeoutException.class,
                e -> assertThat(e.msgid()).isEqualTo("H33010000001202603020916059999"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isGreaterThanOrEqualTo(timeout.minusMillis(100)).isLessThan(timeout.plusSeconds(4));
    }

    @Test
    void concurrentRequestsShareTheReplyQueueAndEachGetsItsOwnAnswer() {
        List<String> names = java.util.stream.IntStream.range(0, 8).parallel().mapToObj(i -> {
            PlatformResponse response = client.call(new PlatformRequest("1101", "H3301000000120260302091605" + (9000 + i),
                    "330100", "330100", "YBXT", null, null, null, null, "V1.0", "1", "C0042", "收费员李",
                    "2026-03-02 09:16:05", DemoWorld.HOSPITAL, "Demo East First People's Hospital", null,
                    TransactionInputs.personInfo1101(i % 2 == 0
                            ? DemoWorld.zhangWeiVisit("C" + i, SettleMode.SETTLE)
                            : DemoWorld.visit(DemoWorld.HOSPITAL, "C" + i, new io.insurebridge.model.PersonIdentity(
                                    "02", DemoWorld.LIU_YANG_CERTNO, null, DemoWorld.LIU_YANG_CERTNO, "刘洋", null),
                                    false, SettleMode.SETTLE))));
            return (i % 2) + ":" + response.output().path("baseinfo").path("psn_name").asText();
        }).toList();
        assertThat(names).allMatch(n -> n.equals("0:张伟") || n.equals("1:刘洋"));
        await().atMost(Duration.ofSeconds(5)).until(() -> headersSeenByNode.size() >= 8);
    }
}
