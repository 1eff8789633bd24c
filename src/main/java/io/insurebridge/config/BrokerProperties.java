package io.insurebridge.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redelivery and dead-lettering of the embedded broker (traps.md: without a dead-letter address Artemis drops a
 * message after max-delivery-attempts; with no delay a poison message spins).
 *
 * @param acceptorUrl optional network acceptor of the embedded broker, e.g. tcp://0.0.0.0:61616, so that other
 *                    processes (peer nodes, tools) can connect; empty = in-VM only
 */
@ConfigurationProperties(prefix = "insurebridge.broker")
public record BrokerProperties(Integer maxDeliveryAttempts, Long redeliveryDelayMs, Double redeliveryMultiplier,
                               Long maxRedeliveryDelayMs, String acceptorUrl) {

    public BrokerProperties {
        maxDeliveryAttempts = maxDeliveryAttempts == null ? 6 : maxDeliveryAttempts;
        redeliveryDelayMs = redeliveryDelayMs == null ? 500L : redeliveryDelayMs;
        redeliveryMultiplier = redeliveryMultiplier == null ? 2.0 : redeliveryMultiplier;
        maxRedeliveryDelayMs = maxRedeliveryDelayMs == null ? 30_000L : maxRedeliveryDelayMs;
    }
}
