package io.insurebridge.patient.voucher;

import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.Sm2Crypto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The insured place's node issues e-voucher tokens (demo stand-in for the national e-voucher app): bound to a
 * person and a purpose, valid for a few minutes, SM2-signed with the node's voucher key.
 */
public class VoucherIssuer {
    private final SigningKeys keys;
    private final String admdvs;
    private final VoucherProperties properties;
    private final Clock clock;

    public VoucherIssuer(SigningKeys keys, String admdvs, VoucherProperties properties, Clock clock) {
        this.keys = keys;
        this.admdvs = admdvs;
        this.properties = properties;
        this.clock = clock;
    }

    public Issued issue(String psnNo, VoucherPurpose purpose, Integer minutes) {
        int validity = minutes == null ? properties.validityMinutes() : minutes;
        if (validity < 1 || validity > properties.maxValidityMinutes()) {
            throw new IllegalArgumentException("validity_minutes must be 1.." + properties.maxValidityMinutes());
        }
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        VoucherToken claims = new VoucherToken(UUID.randomUUID().toString().replace("-", ""), psnNo, purpose,
                admdvs, now, now.plus(Duration.ofMinutes(validity)), keys.keyId());
        String signature = Sm2Crypto.sign(keys.privateKey(), claims.claimsPart().getBytes(StandardCharsets.US_ASCII));
        return new Issued(claims.encode(signature), claims);
    }

    public record Issued(String token, VoucherToken claims) {}
}
