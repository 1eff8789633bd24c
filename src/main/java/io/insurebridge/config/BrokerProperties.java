package io.insurebridge.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Redelivery and dead-lettering of the embedded broker (traps.md: without a dead-letter address Artemis drops a
 * message after max-delivery-attempts; with no delay a poison message spins).
 *
 * @param acceptorUrl optional network acceptor of the embedded broker, e.g. tcp://0.0.0.0:61616, so that other
 *                    processes (peer nodes, tools) can connect; empty = in-VM only
 * @param cluster     the symmetric Artemis cluster this embedded broker joins (docs/deployment.md); off by default
 * @param addressMaxSizeBytes messages an address keeps in memory before it pages the rest to disk (a backlog, e.g.
 *                    while a node or peer is down, must not fill the heap); -1 = only the broker's global limit
 * @param ha          the high-availability role of this broker in a primary/backup pair (docs/deployment.md, broker
 *                    tier); none by default
 */
@ConfigurationProperties(prefix = "insurebridge.broker")
public record BrokerProperties(Integer maxDeliveryAttempts, Long redeliveryDelayMs, Double redeliveryMultiplier,
                               Long maxRedeliveryDelayMs, String acceptorUrl, Cluster cluster,
                               Long addressMaxSizeBytes, Ha ha) {

    public BrokerProperties {
        maxDeliveryAttempts = maxDeliveryAttempts == null ? 6 : maxDeliveryAttempts;
        redeliveryDelayMs = redeliveryDelayMs == null ? 500L : redeliveryDelayMs;
        redeliveryMultiplier = redeliveryMultiplier == null ? 2.0 : redeliveryMultiplier;
        maxRedeliveryDelayMs = maxRedeliveryDelayMs == null ? 30_000L : maxRedeliveryDelayMs;
        cluster = cluster == null ? Cluster.OFF : cluster;
        addressMaxSizeBytes = addressMaxSizeBytes == null ? 32L * 1024 * 1024 : addressMaxSizeBytes;
        ha = ha == null ? Ha.NONE : ha;
    }

    /**
     * A primary/backup pair: the backup takes over the primary's messages when the primary dies. With a shared store
     * both brokers use one journal directory (one host, or a shared filesystem with locking) and the file lock
     * decides who is active; with replication the primary copies its journal to the backup over the network.
     *
     * @param policy           NONE, SHARED_STORE_PRIMARY, SHARED_STORE_BACKUP, REPLICATION_PRIMARY, REPLICATION_BACKUP
     * @param groupName        pairs a replicating primary with its backup (several pairs in one cluster)
     * @param networkCheckList addresses a replicating broker pings; one that reaches none of them stops itself
     *                         instead of becoming a second active broker (split brain)
     */
    public record Ha(String policy, String groupName, List<String> networkCheckList) {
        static final Ha NONE = new Ha(null, null, null);

        public Ha {
            policy = policy == null || policy.isBlank() ? "NONE" : policy.trim().toUpperCase();
            networkCheckList = networkCheckList == null ? List.of() : List.copyOf(networkCheckList);
        }
    }

    /**
     * A symmetric cluster of embedded brokers: every instance's broker connects to the others' acceptors (static
     * connectors, no UDP discovery), forwards messages to the members that have consumers for them
     * ({@code ON_DEMAND}) and moves messages left on a queue without local consumers to a member that has one
     * (redistribution delay 0).
     *
     * @param enabled              join the cluster (needs {@code acceptor-url})
     * @param name                 cluster connection name; the same on every member
     * @param connectorUrl         how the other members reach this broker, e.g. tcp://10.0.0.1:61616
     * @param peers                the other members' connector URLs
     * @param user                 cluster user the members authenticate with
     * @param password             its password: the same on every member
     * @param messageLoadBalancing OFF, STRICT, ON_DEMAND (default), OFF_WITH_REDISTRIBUTION or LOCAL_ONLY
     * @param redistributionDelayMs how long a queue without consumers keeps its messages before moving them
     * @param retryIntervalMs      pause between reconnection attempts to a lost member
     */
    public record Cluster(Boolean enabled, String name, String connectorUrl, List<String> peers, String user,
                          String password, String messageLoadBalancing, Long redistributionDelayMs,
                          Long retryIntervalMs) {
        static final Cluster OFF = new Cluster(false, null, null, null, null, null, null, null, null);

        public Cluster {
            enabled = enabled != null && enabled;
            name = name == null || name.isBlank() ? "insurebridge" : name;
            peers = peers == null ? List.of() : List.copyOf(peers);
            user = user == null || user.isBlank() ? "insurebridge-cluster" : user;
            messageLoadBalancing = messageLoadBalancing == null || messageLoadBalancing.isBlank()
                    ? "ON_DEMAND" : messageLoadBalancing;
            redistributionDelayMs = redistributionDelayMs == null ? 0L : redistributionDelayMs;
            retryIntervalMs = retryIntervalMs == null ? 1_000L : retryIntervalMs;
        }
    }
}
