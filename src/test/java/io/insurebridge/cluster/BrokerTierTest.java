package io.insurebridge.cluster;

import io.insurebridge.bench.BrokerTierProcesses;
import io.insurebridge.config.BrokerHa;
import io.insurebridge.config.BrokerProperties;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The broker tier (docs/deployment.md) as shipped: `insurebridge.jar broker` twice, a primary and its backup, as
 * separate processes. The primary is SIGKILLed with messages on a product queue; the backup becomes active and a
 * client on the pair's URL gets every one of them. The brokers refuse clients without the cluster account.
 */
class BrokerTierTest {

    private static final String QUEUE = "insurance.settlement";
    private static final int MESSAGES = 40;

    @TempDir
    Path work;
    private BrokerTierProcesses pair;

    @AfterEach
    void stop() throws Exception {
        if (pair != null) {
            pair.close();
        }
    }

    @ParameterizedTest
    @EnumSource(BrokerTierProcesses.Store.class)
    void backupTakesOverThePrimarysMessagesWhenThePrimaryIsKilled(BrokerTierProcesses.Store store) throws Exception {
        pair = new BrokerTierProcesses(work, System.getProperty("java.class.path"), store);
        pair.startPair();
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(pair.clientUrl());
        try (Connection connection = factory.createConnection(BrokerTierProcesses.USER, BrokerTierProcesses.PASSWORD)) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(session.createTextMessage("settle-" + i));
            }
            session.commit();

            pair.kill(0);   // no graceful hand-over: the backup notices the primary is gone
            pair.awaitLog(1, "broker tier: broker active");

            connection.start();
            MessageConsumer consumer = session.createConsumer(session.createQueue(QUEUE));
            Set<String> received = new HashSet<>();
            await("every message from the backup").atMost(Duration.ofSeconds(120)).until(() -> {
                try {
                    TextMessage m = (TextMessage) consumer.receive(500);
                    if (m != null) {
                        received.add(m.getText());
                        session.commit();
                    }
                } catch (jakarta.jms.TransactionRolledBackException failedOver) {
                    // the commit met the fail-over: the broker gives the message again
                }
                return received.size() == MESSAGES;
            });
            assertThat(received).hasSize(MESSAGES).contains("settle-0", "settle-" + (MESSAGES - 1));
            assertThat((TextMessage) consumer.receive(500)).as("nothing twice").isNull();
        } finally {
            factory.close();
        }
    }

    @Test
    void clientsWithoutTheClusterAccountAreRefused() throws Exception {
        pair = new BrokerTierProcesses(work, System.getProperty("java.class.path"),
                BrokerTierProcesses.Store.SHARED_STORE);
        pair.start(0);
        pair.awaitLog(0, "broker tier: broker active");
        String primaryOnly = pair.clientUrl().replaceFirst(",tcp://[^)]*\\)", ")").replace("ha=true", "ha=false")
                .replace("reconnectAttempts=-1", "reconnectAttempts=0");
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(primaryOnly)) {
            assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection("guest", BrokerTierProcesses.PASSWORD).close())
                    .isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection(BrokerTierProcesses.USER, "wrong").close())
                    .isInstanceOf(jakarta.jms.JMSException.class).hasMessageContaining("AMQ229099");
            try (Connection ok = factory.createConnection(BrokerTierProcesses.USER, BrokerTierProcesses.PASSWORD)) {
                assertThat(ok.getClientID()).isNull();
            }
        }
    }

    @Test
    void haPolicyNeedsThePairAndNamesTheRole() {
        BrokerProperties.Cluster cluster = new BrokerProperties.Cluster(true, "c", "tcp://127.0.0.1:61616",
                List.of("tcp://127.0.0.1:61617"), null, "secret", null, null, null);
        ConfigurationImpl primary = new ConfigurationImpl();
        BrokerHa.apply(primary, props(cluster, "shared_store_primary", List.of()));
        assertThat(primary.getHAPolicyConfiguration()).isInstanceOf(SharedStorePrimaryPolicyConfiguration.class);
        assertThat(((SharedStorePrimaryPolicyConfiguration) primary.getHAPolicyConfiguration())
                .isFailoverOnServerShutdown()).isTrue();

        ConfigurationImpl backup = new ConfigurationImpl();
        BrokerHa.apply(backup, props(cluster, "REPLICATION_BACKUP", List.of("10.0.0.1")));
        assertThat(backup.getHAPolicyConfiguration()).isInstanceOf(ReplicaPolicyConfiguration.class);
        assertThat(((ReplicaPolicyConfiguration) backup.getHAPolicyConfiguration()).isAllowFailBack()).isTrue();
        assertThat(backup.getNetworkCheckList()).isEqualTo("10.0.0.1");

        BrokerProperties.Cluster alone = new BrokerProperties.Cluster(false, null, null, null, null, null, null, null,
                null);
        assertThatThrownBy(() -> BrokerHa.apply(new ConfigurationImpl(), props(alone, "SHARED_STORE_BACKUP", List.of())))
                .hasMessageContaining("insurebridge.broker.cluster.enabled");
        assertThatThrownBy(() -> BrokerHa.apply(new ConfigurationImpl(), props(cluster, "PRIMARY", List.of())))
                .hasMessageContaining("insurebridge.broker.ha.policy: 'PRIMARY'");
    }

    private static BrokerProperties props(BrokerProperties.Cluster cluster, String policy, List<String> networkCheck) {
        return new BrokerProperties(null, null, null, null, "tcp://127.0.0.1:61616", cluster, null,
                new BrokerProperties.Ha(policy, null, networkCheck));
    }
}
