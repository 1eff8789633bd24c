package io.insurebridge.settlement;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.ZoneId;

/**
 * Settings of the settlement node (prefix insurebridge.node).
 *
 * @param admdvs              the node's insurance division: first 6 chars of inf_refmsgid and of generated ids
 * @param zone                time zone of the platform's local times (begntime, inf_refmsgid, setl_time)
 * @param concurrentConsumers JMS consumers per node queue
 * @param lockRetries         how often a transaction is retried when a person's lock could not be taken in time
 */
@ConfigurationProperties(prefix = "insurebridge.node")
public record NodeProperties(String admdvs, ZoneId zone, Integer concurrentConsumers, Integer lockRetries) {
    public NodeProperties {
        admdvs = admdvs == null || admdvs.isBlank() ? "330100" : admdvs;
        zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
        concurrentConsumers = concurrentConsumers == null ? 4 : concurrentConsumers;
        lockRetries = lockRetries == null ? 5 : lockRetries;
    }

    public static NodeProperties defaults() {
        return new NodeProperties(null, null, null, null);
    }
}
