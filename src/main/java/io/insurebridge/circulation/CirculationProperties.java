package io.insurebridge.circulation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.math.BigDecimal;

/**
 * insurebridge.circulation.*: the circulation queue and the sanity limits of a prescription's lines.
 *
 * @param queue       durable queue of signed prescriptions on their way to the pharmacy connectors
 * @param maxQuantity largest dispense quantity of one line
 * @param maxDays     longest treatment duration (days) of one line
 * @param maxValidDays longest validity of a prescription in days
 */
@ConfigurationProperties(prefix = "insurebridge.circulation")
public record CirculationProperties(String queue, BigDecimal maxQuantity, Integer maxDays, Integer maxValidDays) {

    public CirculationProperties {
        queue = queue == null || queue.isBlank() ? "insurance.prescription" : queue;
        maxQuantity = maxQuantity == null ? new BigDecimal("100") : maxQuantity;
        maxDays = maxDays == null ? 90 : maxDays;
        maxValidDays = maxValidDays == null ? 30 : maxValidDays;
    }
}
