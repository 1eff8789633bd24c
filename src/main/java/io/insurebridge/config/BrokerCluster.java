package io.insurebridge.config;

import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the embedded broker to a symmetric Artemis cluster (docs/deployment.md): a connector to itself that the
 * others use, one static connector per peer, and a cluster connection over all addresses. The routes do not change:
 * a producer sends to its local broker, which forwards to a member with consumers; a message on the queue of a
 * member without consumers (one that lost its consumers, or was restarted) is redistributed to the others.
 */
public final class BrokerCluster {

    static final String SELF_CONNECTOR = "cluster-self";

    private BrokerCluster() {}

    /** Adds the cluster connection (and nothing) when {@code insurebridge.broker.cluster.enabled}. */
    public static void apply(Configuration config, BrokerProperties props) {
        BrokerProperties.Cluster cluster = props.cluster();
        if (!cluster.enabled()) {
            return;
        }
        require(props.acceptorUrl() != null && !props.acceptorUrl().isBlank(),
                "insurebridge.broker.acceptor-url is needed for insurebridge.broker.cluster.enabled");
        require(cluster.connectorUrl() != null && !cluster.connectorUrl().isBlank(),
                "insurebridge.broker.cluster.connector-url: how the other members reach this broker");
        require(cluster.password() != null && !cluster.password().isBlank(),
                "insurebridge.broker.cluster.password: the same secret on every member");
        MessageLoadBalancingType balancing;
        try {
            balancing = MessageLoadBalancingType.valueOf(cluster.messageLoadBalancing().trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("insurebridge.broker.cluster.message-load-balancing: '"
                    + cluster.messageLoadBalancing() + "' is not one of " + List.of(MessageLoadBalancingType.values()));
        }
        List<String> peerConnectors = new ArrayList<>();
        try {
            config.addConnectorConfiguration(SELF_CONNECTOR, cluster.connectorUrl());
            for (int i = 0; i < cluster.peers().size(); i++) {
                String name = "cluster-peer-" + (i + 1);
                config.addConnectorConfiguration(name, cluster.peers().get(i));
                peerConnectors.add(name);
            }
        } catch (Exception e) {
            throw new IllegalStateException("insurebridge.broker.cluster: bad connector URL: " + e.getMessage(), e);
        }
        config.setClusterUser(cluster.user());
        config.setClusterPassword(cluster.password());
        config.addClusterConfiguration(new ClusterConnectionConfiguration()
                .setName(cluster.name())
                .setAddress("")                       // every address
                .setConnectorName(SELF_CONNECTOR)
                .setStaticConnectors(peerConnectors)
                .setMessageLoadBalancingType(balancing)
                .setMaxHops(1)                        // a full mesh: every member is one hop away
                .setRetryInterval(cluster.retryIntervalMs())
                .setReconnectAttempts(-1)             // a lost member is reconnected whenever it comes back
                .setInitialConnectAttempts(-1)
                .setDuplicateDetection(true));        // a bridge resend after a broken link is dropped, not doubled
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
