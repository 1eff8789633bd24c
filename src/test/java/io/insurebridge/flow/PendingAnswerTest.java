package io.insurebridge.flow;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.insurebridge.support.AppTestSupport.field;
import static io.insurebridge.support.AppTestSupport.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A HIS whose reply timeout is shorter than the processing is told "pending" (AE, ERR-3 206) and gets the real
 * result when it sends the same message again; the message is processed once.
 */
@SpringBootTest(properties = "insurebridge.hl7.reply-timeout=2s")
class PendingAnswerTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "pending", MLLP_PORT);
    }

    @Autowired MessageStore store;
    @Autowired org.apache.camel.CamelContext camel;

    @Test
    void pendingThenTheStoredResultOnResend() throws Exception {
        String registration = OutpatientSettlementEndToEndTest.register("PEND-A04-1", "330103195506200346", "王芳",
                "V-PEND-1");
        // the registration consumers are busy elsewhere (stopped): the HIS's wait runs out first
        camel.getRouteController().stopRoute("hl7-registration");
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 30_000)) {
            String first = his.send(registration, StandardCharsets.UTF_8);
            assertThat(field(first, "MSA", 1)).isEqualTo("AE");
            assertThat(field(first, "MSA", 3)).startsWith("PENDING").contains("PEND-A04-1");
            assertThat(segments(first, "ERR").get(0)).contains("|206^");
            long id = store.search(new io.insurebridge.store.MessageQuery(null, null, null, "PEND-A04-1", null, null,
                    0, 5)).get(0).id();

            assertThat(store.find(id).orElseThrow().status()).isEqualTo(MessageStatus.PENDING);
            camel.getRouteController().startRoute("hl7-registration");   // the durable request is still there
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> store.find(id).orElseThrow().status() == MessageStatus.PROCESSED);

            String again = his.send(registration, StandardCharsets.UTF_8);
            assertThat(field(again, "MSA", 1)).isEqualTo("AA");
            assertThat(segments(again, "ZIV").get(0)).startsWith("ZIV|33010000000000000003|王芳|310|330100|50.00|");
            assertThat(store.findWithHops(id).orElseThrow().hops())
                    .filteredOn(h -> h.hop().equals("processed")).hasSize(1);
        }
    }
}
