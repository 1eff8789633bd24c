package io.insurebridge.inbound.hl7;

import io.insurebridge.support.AppTestSupport;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;

/** Accepted messages are on a persistent journal: they survive a stop and start of the embedded broker. */
@SpringBootTest(properties = "insurebridge.processing.enabled=false")
@DirtiesContext
class BrokerRestartTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "broker-restart", MLLP_PORT);
    }

    @Autowired EmbeddedActiveMQ broker;
    @Autowired ArtemisProperties artemis;

    @Test
    void enqueuedMessagesSurviveABrokerRestart() throws Exception {
        Set<Long> accepted = new HashSet<>();
        try (MllpClient client = new MllpClient("127.0.0.1", MLLP_PORT, 20_000)) {
            for (int i = 0; i < 5; i++) {
                String ack = client.send(Hl7FrontDoorTest.a04("RESTART-" + i), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
                accepted.add(Long.parseLong(field(ack, "MSA", 3).replaceAll(".*#(\\d+).*", "$1")));
            }
        }

        broker.stop();
        broker.start();

        Set<Long> onQueue = new HashSet<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(
                "vm://" + artemis.getEmbedded().getServerId());
             Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue("inbound.registration"));
            for (Object m : Collections.list(browser.getEnumeration())) {
                onQueue.add(((Message) m).getLongProperty(QueueSender.HEADER_MESSAGE_ID));
            }
        }
        assertThat(onQueue).containsAll(accepted);
    }
}
