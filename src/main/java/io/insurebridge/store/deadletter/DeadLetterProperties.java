package io.insurebridge.store.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which queues' dead letters are collected into the dead-letter store.
 *
 * @param enabled false = leave dead letters on the broker's DLQ.* queues
 * @param queues  original queue names; empty = every queue of insurebridge.queues
 */
@ConfigurationProperties(prefix = "insurebridge.dead-letters")
public record DeadLetterProperties(Boolean enabled, List<String> queues) {

    public DeadLetterProperties {
        enabled = enabled == null || enabled;
        queues = queues == null ? List.of() : List.copyOf(queues);
    }
}
