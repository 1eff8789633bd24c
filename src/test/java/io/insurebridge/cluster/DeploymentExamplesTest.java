package io.insurebridge.cluster;

import io.insurebridge.config.BrokerCluster;
import io.insurebridge.config.BrokerProperties;
import io.insurebridge.config.BrokerTierServer;
import io.insurebridge.config.HazelcastClusterProperties;
import io.insurebridge.config.QueueNames;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.ha.ReplicaPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.ReplicatedPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStoreBackupPolicyConfiguration;
import org.apache.activemq.artemis.core.config.ha.SharedStorePrimaryPolicyConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ready-made files of docs/deployment.md bind to the settings the code reads and agree with each other: every
 * instance names the others as broker peers and all members in its Hazelcast list; every broker pair names each
 * other, shares (or replicates) one journal, and each broker file builds a valid broker configuration.
 */
class DeploymentExamplesTest {

    private static final Path EXAMPLES = Path.of("docs/examples/cluster");

    @Test
    void threeInstancesOnOneHostAndOnThreeHostsFormOneBrokerClusterAndOneHazelcastCluster() throws Exception {
        for (List<String> files : List.of(List.of("instance-1.yml", "instance-2.yml", "instance-3.yml"),
                List.of("three-hosts/host-1.yml", "three-hosts/host-2.yml", "three-hosts/host-3.yml"))) {
            List<BrokerProperties> brokers = new ArrayList<>();
            List<HazelcastClusterProperties> members = new ArrayList<>();
            for (String file : files) {
                Binder binder = binder(file);
                brokers.add(binder.bind("insurebridge.broker", BrokerProperties.class).get());
                members.add(binder.bind("insurebridge.hazelcast", HazelcastClusterProperties.class).get());
            }
            List<String> connectorUrls = brokers.stream().map(b -> b.cluster().connectorUrl()).toList();
            for (int i = 0; i < files.size(); i++) {
                BrokerProperties own = brokers.get(i);
                List<String> others = new ArrayList<>(connectorUrls);
                others.remove(own.cluster().connectorUrl());
                assertThat(own.cluster().peers()).as(files.get(i) + ": broker peers").containsExactlyInAnyOrderElementsOf(others);
                assertThat(own.acceptorUrl()).as(files.get(i)).isEqualTo(own.cluster().connectorUrl());
                assertThat(members.get(i).members()).as(files.get(i) + ": Hazelcast members")
                        .containsExactlyElementsOf(members.get(0).members())
                        .contains(members.get(i).interfaces().get(0) + ":" + members.get(i).port());
                // the cluster profile's defaults complete the file: the cluster connection builds
                BrokerProperties withProfile = new BrokerProperties(null, null, null, null, own.acceptorUrl(),
                        new BrokerProperties.Cluster(true, null, own.cluster().connectorUrl(), own.cluster().peers(),
                                null, "secret", null, null, null), null, null);
                ConfigurationImpl config = new ConfigurationImpl();
                BrokerCluster.apply(config, withProfile);
                assertThat(config.getClusterConfigurations().get(0).getStaticConnectors()).hasSize(2);
            }
        }
    }

    @Test
    void brokerTierPairsNameEachOtherAndBuild() throws Exception {
        Configuration sharedPrimary = brokerConfig("broker-tier/broker-primary.yml");
        Configuration sharedBackup = brokerConfig("broker-tier/broker-backup.yml");
        assertThat(sharedPrimary.getHAPolicyConfiguration()).isInstanceOf(SharedStorePrimaryPolicyConfiguration.class);
        assertThat(sharedBackup.getHAPolicyConfiguration()).isInstanceOf(SharedStoreBackupPolicyConfiguration.class);
        assertThat(sharedBackup.getJournalDirectory()).as("one shared journal")
                .isEqualTo(sharedPrimary.getJournalDirectory());
        assertPeers(sharedPrimary, sharedBackup);
        // the instances' default broker URL (profile broker-tier) names exactly this pair
        assertThat(binder("broker-tier/broker-primary.yml").bind("insurebridge.broker.acceptor-url", String.class).get())
                .isEqualTo("tcp://127.0.0.1:61616");
        assertThat(binder("broker-tier/broker-backup.yml").bind("insurebridge.broker.acceptor-url", String.class).get())
                .isEqualTo("tcp://127.0.0.1:61617");

        Configuration replicatingPrimary = brokerConfig("three-hosts/broker-primary.yml");
        Configuration replica = brokerConfig("three-hosts/broker-backup.yml");
        assertThat(replicatingPrimary.getHAPolicyConfiguration()).isInstanceOf(ReplicatedPolicyConfiguration.class);
        assertThat(replica.getHAPolicyConfiguration()).isInstanceOf(ReplicaPolicyConfiguration.class);
        assertThat(((ReplicatedPolicyConfiguration) replicatingPrimary.getHAPolicyConfiguration()).getGroupName())
                .isEqualTo(((ReplicaPolicyConfiguration) replica.getHAPolicyConfiguration()).getGroupName());
        assertThat(replicatingPrimary.getNetworkCheckList()).isEqualTo("10.0.0.13,10.0.0.1");
        assertPeers(replicatingPrimary, replica);
        for (Configuration broker : List.of(sharedPrimary, sharedBackup, replicatingPrimary, replica)) {
            assertThat(broker.isSecurityEnabled()).isTrue();
            assertThat(broker.isPersistenceEnabled()).isTrue();
            assertThat(broker.getAddressSettings()).containsKeys("#", "insurance.settlement", "hl7.replies.#");
        }
    }

    private static void assertPeers(Configuration a, Configuration b) {
        String aSelf = a.getConnectorConfigurations().get(a.getClusterConfigurations().get(0).getConnectorName())
                .getParams().get("host") + ":" + a.getConnectorConfigurations()
                .get(a.getClusterConfigurations().get(0).getConnectorName()).getParams().get("port");
        String bPeer = b.getConnectorConfigurations().get(b.getClusterConfigurations().get(0).getStaticConnectors()
                .get(0)).getParams().get("host") + ":" + b.getConnectorConfigurations()
                .get(b.getClusterConfigurations().get(0).getStaticConnectors().get(0)).getParams().get("port");
        assertThat(bPeer).as("the backup's peer is the primary").isEqualTo(aSelf);
    }

    private static Configuration brokerConfig(String file) throws Exception {
        Binder binder = binder(file);
        BrokerProperties props = binder.bind("insurebridge.broker", BrokerProperties.class).get();
        props = new BrokerProperties(null, null, null, null, props.acceptorUrl(), new BrokerProperties.Cluster(
                props.cluster().enabled(), null, props.cluster().connectorUrl(), props.cluster().peers(), null,
                "secret", null, null, null), null, props.ha());
        String dataDir = binder.bind("insurebridge.broker.tier.data-directory", String.class).get();
        return BrokerTierServer.configuration(props, new QueueNames(null, null, null, null, null), Path.of(dataDir));
    }

    private static Binder binder(String file) throws Exception {
        StandardEnvironment env = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load(file,
                new FileSystemResource(EXAMPLES.resolve(file)))) {
            env.getPropertySources().addLast(source);
        }
        env.getPropertySources().addLast(new MapPropertySource("none", Map.of()));
        return Binder.get(env);
    }
}
