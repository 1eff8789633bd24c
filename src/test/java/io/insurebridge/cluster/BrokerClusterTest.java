package io.insurebridge.cluster;

import com.hazelcast.config.Config;
import io.insurebridge.config.BrokerCluster;
import io.insurebridge.config.BrokerProperties;
import io.insurebridge.config.HazelcastClusterConfig;
import io.insurebridge.config.HazelcastClusterProperties;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.hazelcast.HazelcastConfigCustomizer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.insurebridge.support.AppTestSupport.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The cluster settings as the instances apply them: two real embedded Artemis brokers joined by
 * {@link BrokerCluster} forward and redistribute a queue's messages to the member with the consumer; the Hazelcast
 * customizer turns the member list into a TCP/IP join with multicast off.
 */
class BrokerClusterTest {

    private static final String QUEUE = "cluster.test";
    private final List<EmbeddedActiveMQ> brokers = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (EmbeddedActiveMQ broker : brokers) {
            broker.stop();
        }
    }

    @Test
    void clusterConnectionIsSymmetricOnDemandWithStaticPeers() {
        ConfigurationImpl config = new ConfigurationImpl();
        BrokerCluster.apply(config, props(61616, 61617, 61618));

        assertThat(config.getClusterConfigurations()).hasSize(1);
        ClusterConnectionConfiguration cc = config.getClusterConfigurations().get(0);
        assertThat(cc.getMessageLoadBalancingType()).isEqualTo(MessageLoadBalancingType.ON_DEMAND);
        assertThat(cc.getStaticConnectors()).hasSize(2);
        assertThat(cc.getDiscoveryGroupName()).isNull();
        assertThat(cc.getMaxHops()).isEqualTo(1);
        assertThat(config.getConnectorConfigurations().get(cc.getConnectorName()).getParams())
                .containsEntry("port", "61616");
        assertThat(config.getClusterPassword()).isEqualTo("secret");
    }

    @Test
    void clusterWithoutPasswordOrAcceptorIsRefusedWithTheKey() {
        BrokerProperties noPassword = new BrokerProperties(null, null, null, null, "tcp://127.0.0.1:61616",
                new BrokerProperties.Cluster(true, null, "tcp://127.0.0.1:61616", List.of(), null, "", null, null, null), null, null);
        assertThatThrownBy(() -> BrokerCluster.apply(new ConfigurationImpl(), noPassword))
                .hasMessageContaining("insurebridge.broker.cluster.password");
        BrokerProperties noAcceptor = new BrokerProperties(null, null, null, null, null,
                new BrokerProperties.Cluster(true, null, "tcp://127.0.0.1:61616", List.of(), null, "x", null, null, null), null, null);
        assertThatThrownBy(() -> BrokerCluster.apply(new ConfigurationImpl(), noAcceptor))
                .hasMessageContaining("insurebridge.broker.acceptor-url");
    }

    @Test
    void messagesSentToOneBrokerReachTheConsumerOnTheOther() throws Exception {
        int port1 = freePort();
        int port2 = freePort();
        startBroker("b1", props(port1, port2));
        startBroker("b2", props(port2, port1));

        ActiveMQConnectionFactory first = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port1);
        ActiveMQConnectionFactory second = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + port2);
        try (Connection producerSide = first.createConnection(); Connection consumerSide = second.createConnection()) {
            Session ps = producerSide.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = ps.createQueue(QUEUE);
            MessageProducer producer = ps.createProducer(queue);
            // sent while broker 2 has no consumer: they wait on broker 1's queue ...
            for (int i = 0; i < 10; i++) {
                producer.send(ps.createTextMessage("m" + i));
            }
            // ... and are redistributed (delay 0) once the only consumer appears on broker 2
            consumerSide.start();
            Session cs = consumerSide.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = cs.createConsumer(cs.createQueue(QUEUE));
            Set<String> received = new HashSet<>();
            await("all messages at broker 2's consumer").atMost(Duration.ofSeconds(60)).until(() -> {
                TextMessage m = (TextMessage) consumer.receive(200);
                if (m != null) {
                    received.add(m.getText());
                }
                return received.size() == 10;
            });
            // new messages on broker 1 now go straight to the remote consumer (ON_DEMAND)
            for (int i = 10; i < 15; i++) {
                producer.send(ps.createTextMessage("m" + i));
            }
            await("messages sent after the consumer appeared").atMost(Duration.ofSeconds(60)).until(() -> {
                TextMessage m = (TextMessage) consumer.receive(200);
                if (m != null) {
                    received.add(m.getText());
                }
                return received.size() == 15;
            });
            assertThat(received).hasSize(15).contains("m0", "m9", "m14");
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void hazelcastMembersComeFromConfigurationWithMulticastOff() {
        Config config = new Config();
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(true);
        HazelcastConfigCustomizer customizer = new HazelcastClusterConfig().insurebridgeHazelcastMembers(
                new HazelcastClusterProperties("prod", 5702, List.of("10.0.0.11:5701", "10.0.0.12:5701"),
                        List.of("10.0.0.*")));
        customizer.customize(config);

        assertThat(config.getClusterName()).isEqualTo("prod");
        assertThat(config.getNetworkConfig().getPort()).isEqualTo(5702);
        assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
        assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
                .containsExactly("10.0.0.11:5701", "10.0.0.12:5701");
        assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.*");
    }

    private void startBroker(String name, BrokerProperties props) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName(name);
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("network", props.acceptorUrl());
        config.addAddressSetting("#", new AddressSettings()
                .setRedistributionDelay(props.cluster().redistributionDelayMs()));
        config.addQueueConfiguration(QueueConfiguration.of(QUEUE).setRoutingType(RoutingType.ANYCAST));
        BrokerCluster.apply(config, props);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        brokers.add(broker);
    }

    private static BrokerProperties props(int own, int... peers) {
        List<String> peerUrls = new ArrayList<>();
        for (int p : peers) {
            peerUrls.add("tcp://127.0.0.1:" + p);
        }
        return new BrokerProperties(null, null, null, null, "tcp://127.0.0.1:" + own,
                new BrokerProperties.Cluster(true, "test", "tcp://127.0.0.1:" + own, peerUrls, null, "secret", null,
                        null, 200L), null, null);
    }
}
