package io.insurebridge.patient.voucher;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * insurebridge.patient.voucher.*
 *
 * @param validityMinutes       lifetime of an issued token (default 5; the QR code on the phone refreshes)
 * @param maxValidityMinutes    the most an issuing request may ask for (default 30)
 * @param acceptRegistryTokens  also accept the static demo tokens of mappings/persons.csv (evoucher_token) as
 *                              mdtrt_cert_type 01 (default true, for HIS test feeds); false: only signed tokens
 * @param clockSkewSeconds      tolerance for the issuer's clock (default 30)
 */
@ConfigurationProperties(prefix = "insurebridge.patient.voucher")
public record VoucherProperties(Integer validityMinutes, Integer maxValidityMinutes, Boolean acceptRegistryTokens,
                                Integer clockSkewSeconds) {
    public VoucherProperties {
        validityMinutes = validityMinutes == null ? 5 : validityMinutes;
        maxValidityMinutes = maxValidityMinutes == null ? 30 : maxValidityMinutes;
        acceptRegistryTokens = acceptRegistryTokens == null || acceptRegistryTokens;
        clockSkewSeconds = clockSkewSeconds == null ? 30 : clockSkewSeconds;
    }
}
