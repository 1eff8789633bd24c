package io.insurebridge.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * The Hazelcast cluster of the instances, from configuration rather than from a YAML file per host
 * (docs/deployment.md). Empty members = keep what the Hazelcast file says (the single embedded member by default).
 *
 * @param clusterName the same on every member; members of other names are refused
 * @param port        this member's port (no auto-increment when set: every member has its fixed address)
 * @param members     every member's host:port, this one included; TCP/IP join, multicast and auto-detection off
 * @param interfaces  the local addresses Hazelcast may bind and announce, e.g. 10.0.0.*; empty = its own choice
 */
@ConfigurationProperties(prefix = "insurebridge.hazelcast")
public record HazelcastClusterProperties(String clusterName, Integer port, List<String> members,
                                         List<String> interfaces) {
    public HazelcastClusterProperties {
        members = members == null ? List.of() : List.copyOf(members);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }
}
