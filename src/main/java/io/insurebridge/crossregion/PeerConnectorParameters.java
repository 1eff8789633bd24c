package io.insurebridge.crossregion;

import io.insurebridge.inbound.connector.ConnectorConfigException;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorTemplateParameters;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.component.jms.JmsComponent;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wires a peer-node connector file: a JMS component bound as {@code peer-<name>} that reaches the peer broker
 * (TLS from the file), and the parameters of the forwarding route template (routes/crossregion-peer.yaml): local
 * durable queue crossregion.&lt;admdvs&gt; -> the peer's inbound queue.
 */
@Component
public class PeerConnectorParameters implements ConnectorTemplateParameters {
    private final ObjectProvider<CamelContext> camel;
    private final CrossRegionProperties properties;
    private final ObjectProvider<CrossRegionHealth> health;
    private final Map<String, CachingConnectionFactory> factories = new ConcurrentHashMap<>();

    public PeerConnectorParameters(ObjectProvider<CamelContext> camel, CrossRegionProperties properties,
                                   ObjectProvider<CrossRegionHealth> health) {
        this.camel = camel;
        this.properties = properties;
        this.health = health;
    }

    @Override
    public boolean handles(String kind) {
        return ConnectorKind.PEER_NODE.name().equals(kind);
    }

    @Override
    public Map<String, String> parameters(ConnectorDefinition c) {
        PeerNode peer = PeerNode.of(c);
        if (peer.broker() == null) {
            throw new ConnectorConfigException(c.file(), "broker", "is required (tcp://host:port of the peer's broker)");
        }
        String component = "peer-" + c.name();
        CamelContext context = camel.getObject();
        CachingConnectionFactory factory = new CachingConnectionFactory(new ActiveMQConnectionFactory(peer.brokerUrl()));
        factory.setReconnectOnException(true);
        CachingConnectionFactory old = factories.put(component, factory);
        if (old != null) {
            old.destroy();   // a changed file: the previous connection to the peer goes
        }
        context.removeComponent(component);
        context.getRegistry().bind(component, JmsComponent.jmsComponent(factory));
        // a peer added while the node runs gets its gauges too (those of the start are bound with the registry)
        health.ifAvailable(h -> h.meter(peer.admdvs()));
        return Map.of("admdvs", peer.admdvs(),
                "localQueue", properties.queueTo(peer.admdvs()),
                "peerQueue", properties.inboundQueue(),
                "peerComponent", component);
    }
}
