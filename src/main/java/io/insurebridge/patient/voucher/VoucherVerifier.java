package io.insurebridge.patient.voucher;

import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.Sm2Crypto;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;

/**
 * Checks a signed token without touching state: well-formed, signed by a trusted voucher key, not expired, issued
 * for the transaction's purpose and for the person the request names. Replays are the hook's business (database).
 */
public class VoucherVerifier {
    private final SigningKeys keys;
    private final VoucherProperties properties;

    public VoucherVerifier(SigningKeys keys, VoucherProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    /** The verified claims; a {@link VoucherRefusal} says which check failed. */
    public VoucherToken verify(String token, String infno, String expectedPsnNo, Instant now) {
        VoucherToken.Parts parts = VoucherToken.split(token)
                .orElseThrow(() -> new VoucherRefusal("the token is malformed (forged or damaged)"));
        VoucherToken claims = parts.claims();
        PublicKey key = keys.trusted(claims.keyId()).orElseThrow(() -> new VoucherRefusal(
                "the token is signed by unknown key " + claims.keyId() + " (forged)"));
        if (!Sm2Crypto.verify(key, parts.claimsPart().getBytes(StandardCharsets.US_ASCII), parts.base64Signature())) {
            throw new VoucherRefusal("the SM2 signature does not match (forged or altered token)");
        }
        if (now.isAfter(claims.expiresAt().plusSeconds(properties.clockSkewSeconds()))) {
            throw new VoucherRefusal("the token expired at " + claims.expiresAt() + "; ask the patient to refresh the "
                    + "e-voucher QR code");
        }
        if (claims.issuedAt().isAfter(now.plusSeconds(properties.clockSkewSeconds()))) {
            throw new VoucherRefusal("the token is issued in the future (" + claims.issuedAt() + ")");
        }
        if (!claims.purpose().checkedBy(infno)) {
            throw new VoucherRefusal("the token was issued for " + claims.purpose() + ", not for transaction " + infno);
        }
        if (expectedPsnNo != null && !expectedPsnNo.equals(claims.psnNo())) {
            throw new VoucherRefusal("the token belongs to another person than psn_no " + expectedPsnNo);
        }
        return claims;
    }
}
