package io.insurebridge.config;

import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import org.springframework.boot.autoconfigure.hazelcast.HazelcastConfigCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Applies {@code insurebridge.hazelcast.*} to the member Spring Boot starts: the member list is explicit (TCP/IP),
 * multicast and auto-detection stay off (traps.md), so an instance only ever joins the members it was given.
 */
@Configuration
@EnableConfigurationProperties(HazelcastClusterProperties.class)
public class HazelcastClusterConfig {

    @Bean
    public HazelcastConfigCustomizer insurebridgeHazelcastMembers(HazelcastClusterProperties props) {
        return config -> {
            if (props.clusterName() != null && !props.clusterName().isBlank()) {
                config.setClusterName(props.clusterName());
            }
            NetworkConfig network = config.getNetworkConfig();
            if (props.port() != null) {
                network.setPort(props.port()).setPortAutoIncrement(false);
            }
            if (!props.interfaces().isEmpty()) {
                network.getInterfaces().setEnabled(true).setInterfaces(props.interfaces());
            }
            if (props.members().isEmpty()) {
                return;
            }
            JoinConfig join = network.getJoin();
            join.getMulticastConfig().setEnabled(false);
            join.getAutoDetectionConfig().setEnabled(false);
            join.getTcpIpConfig().setEnabled(true).setMembers(props.members());
        };
    }
}
