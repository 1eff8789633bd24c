package io.insurebridge.config;

import io.insurebridge.inbound.hl7.MessageKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Durable queue names; configuration, not code (architecture.md). */
@ConfigurationProperties(prefix = "insurebridge.queues")
public record QueueNames(String registration, String charges, String prescription, String eligibility,
                         String settlement) {

    public QueueNames {
        registration = registration == null ? "inbound.registration" : registration;
        charges = charges == null ? "inbound.charges" : charges;
        prescription = prescription == null ? "inbound.prescription" : prescription;
        eligibility = eligibility == null ? "insurance.eligibility" : eligibility;
        settlement = settlement == null ? "insurance.settlement" : settlement;
    }

    public java.util.List<String> all() {
        return java.util.List.of(registration, charges, prescription, eligibility, settlement);
    }

    public String forKind(MessageKind kind) {
        return switch (kind) {
            case REGISTRATION -> registration;
            case CHARGES -> charges;
            case PRESCRIPTION -> prescription;
        };
    }
}
