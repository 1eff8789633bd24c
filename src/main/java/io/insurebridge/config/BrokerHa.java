package io.insurebridge.config;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.HAPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;

import java.util.List;

/**
 * The broker's role in a primary/backup pair (docs/deployment.md, broker tier). The pair also needs the cluster
 * connection of {@link BrokerCluster} (each names the other as its peer): that is how the backup finds the primary
 * and how clients learn where to fail over to.
 */
public final class BrokerHa {

    static final List<String> POLICIES = List.of("NONE", "SHARED_STORE_PRIMARY", "SHARED_STORE_BACKUP",
            "REPLICATION_PRIMARY", "REPLICATION_BACKUP");

    private BrokerHa() {}

    /** Sets the HA policy (and nothing) unless {@code insurebridge.broker.ha.policy} is NONE. */
    public static void apply(Configuration config, BrokerProperties props) {
        BrokerProperties.Ha ha = props.ha();
        HAPolicyConfiguration policy = switch (ha.policy()) {
            case "NONE" -> null;
            // failover on shutdown: a graceful stop of the primary (an upgrade) hands over too, not only a crash
            case "SHARED_STORE_PRIMARY" -> new SharedStorePrimaryPolicyConfiguration().setFailoverOnServerShutdown(true);
            // fail-back: when the primary returns, the backup hands the journal back and waits again
            case "SHARED_STORE_BACKUP" -> new SharedStoreBackupPolicyConfiguration().setAllowFailBack(true)
                    .setFailoverOnServerShutdown(true);
            // a restarted primary first asks whether its backup took over, instead of starting on a stale journal
            case "REPLICATION_PRIMARY" -> new ReplicatedPolicyConfiguration().setCheckForActiveServer(true)
                    .setGroupName(ha.groupName()).setClusterName(props.cluster().name());
            case "REPLICATION_BACKUP" -> new ReplicaPolicyConfiguration().setAllowFailBack(true)
                    .setGroupName(ha.groupName()).setClusterName(props.cluster().name());
            default -> throw new IllegalStateException("insurebridge.broker.ha.policy: '" + ha.policy()
                    + "' is not one of " + POLICIES);
        };
        if (policy == null) {
            return;
        }
        if (!props.cluster().enabled() || props.cluster().peers().isEmpty()) {
            throw new IllegalStateException("insurebridge.broker.ha.policy " + ha.policy() + " needs "
                    + "insurebridge.broker.cluster.enabled and the other broker of the pair in cluster.peers");
        }
        config.setHAPolicyConfiguration(policy);
        if (!ha.networkCheckList().isEmpty()) {
            // a replicating broker cut off from the network stops rather than become a second active one
            config.setNetworkCheckList(String.join(",", ha.networkCheckList()));
        }
    }
}
