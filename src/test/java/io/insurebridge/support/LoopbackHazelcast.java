package io.insurebridge.support;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;

/** Config of a real Hazelcast member that joins only members on 127.0.0.1 ports [firstPort, firstPort + 19]. */
public final class LoopbackHazelcast {

    private LoopbackHazelcast() {}

    /** Use an own cluster name per run: parallel builds on one machine must not join each other. */
    public static Config member(String clusterName, int firstPort) {
        Config config = new Config();
        config.setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getNetworkConfig().setPort(firstPort).setPortAutoIncrement(true).setPortCount(20);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getAutoDetectionConfig().setEnabled(false);
        join.getMulticastConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true);
        for (int port = firstPort; port < firstPort + 20; port++) {
            join.getTcpIpConfig().addMember("127.0.0.1:" + port);
        }
        return config;
    }
}
