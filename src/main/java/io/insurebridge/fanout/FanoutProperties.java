package io.insurebridge.fanout;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

/**
 * insurebridge.fanout.*: the event topic, the outbox relay, the supervision rules file and the budget thresholds.
 *
 * @param topic                  JMS topic (Artemis multicast address) every event is published to
 * @param relayIntervalMs        how often the relay looks for unpublished outbox events
 * @param relayBatch             events published per relay round
 * @param supervisionRules       the rules file (a missing file means no rules)
 * @param budgetAlertThresholds  percentages of the annual total budget that raise a budget-alert event once
 * @param agencyHttpTimeoutMs    default timeout of an agency-http POST
 */
@ConfigurationProperties(prefix = "insurebridge.fanout")
public record FanoutProperties(String topic, Long relayIntervalMs, Integer relayBatch, Path supervisionRules,
                               List<BigDecimal> budgetAlertThresholds, Long agencyHttpTimeoutMs) {
    public FanoutProperties {
        topic = topic == null || topic.isBlank() ? "insurance.events" : topic;
        relayIntervalMs = relayIntervalMs == null ? 200L : relayIntervalMs;
        relayBatch = relayBatch == null ? 100 : relayBatch;
        supervisionRules = supervisionRules == null ? Path.of("rules/supervision.yaml") : supervisionRules;
        budgetAlertThresholds = budgetAlertThresholds == null
                ? List.of(new BigDecimal("80"), new BigDecimal("100")) : List.copyOf(budgetAlertThresholds);
        agencyHttpTimeoutMs = agencyHttpTimeoutMs == null ? 10_000L : agencyHttpTimeoutMs;
    }
}
