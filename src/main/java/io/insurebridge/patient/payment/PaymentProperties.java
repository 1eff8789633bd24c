package io.insurebridge.patient.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * insurebridge.patient.payment.*
 *
 * @param enabled             create mobile payment orders for Internet+ pre-settlements (default true)
 * @param orderMinutes        how long the patient has to pay before the order expires (default 15)
 * @param publicBaseUrl       how the patient's phone reaches this product, for the pay link the HIS shows (default
 *                            empty: the link is relative, /patient/pay/{order})
 * @param stuckSeconds        an order left "paying" this long (crash mid-way) is resolved by the sweeper (default 120)
 * @param sweepSeconds        how often the sweeper looks for expired, stuck and unreversed orders (default 30)
 */
@ConfigurationProperties(prefix = "insurebridge.patient.payment")
public record PaymentProperties(Boolean enabled, Integer orderMinutes, String publicBaseUrl, Integer stuckSeconds,
                                Integer sweepSeconds) {
    public PaymentProperties {
        enabled = enabled == null || enabled;
        orderMinutes = orderMinutes == null ? 15 : orderMinutes;
        publicBaseUrl = publicBaseUrl == null ? "" : publicBaseUrl.replaceAll("/+$", "");
        stuckSeconds = stuckSeconds == null ? 120 : stuckSeconds;
        sweepSeconds = sweepSeconds == null ? 30 : sweepSeconds;
    }
}
