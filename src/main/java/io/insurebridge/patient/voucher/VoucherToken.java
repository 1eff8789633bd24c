package io.insurebridge.patient.voucher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A signed e-voucher token (mdtrt_cert_type 01): {@code EV1.<claims>.<signature>}, both parts Base64url without
 * padding; claims is the JSON {tid, psn_no, purpose, admdvs, iat, exp, kid} (epoch seconds), signature the SM2
 * (SM3withSM2) signature over the claims part as sent. Short enough for a QR code.
 */
public record VoucherToken(String tokenId, String psnNo, VoucherPurpose purpose, String admdvs, Instant issuedAt,
                           Instant expiresAt, String keyId) {

    public static final String PREFIX = "EV1.";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    /** Whether the certificate number is in the signed-token format at all (else: a registry token or garbage). */
    public static boolean looksSigned(String certNo) {
        return certNo != null && certNo.startsWith(PREFIX);
    }

    /** The claims part as it is signed. */
    String claimsPart() {
        ObjectNode claims = JSON.createObjectNode();
        claims.put("tid", tokenId);
        claims.put("psn_no", psnNo);
        claims.put("purpose", purpose.name());
        claims.put("admdvs", admdvs);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("kid", keyId);
        return B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    String encode(String base64Signature) {
        return PREFIX + claimsPart() + "." + B64.encodeToString(Base64.getDecoder().decode(base64Signature));
    }

    /** The parts of a token in the signed format; unverified. */
    record Parts(String claimsPart, String base64Signature, VoucherToken claims) {}

    /** Splits and reads a signed token; empty when it is not well-formed (treated as forged by the verifier). */
    static Optional<Parts> split(String token) {
        if (!looksSigned(token)) {
            return Optional.empty();
        }
        String[] p = token.substring(PREFIX.length()).split("\\.", -1);
        if (p.length != 2 || p[0].isEmpty() || p[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode c = JSON.readTree(B64D.decode(p[0]));
            VoucherToken claims = new VoucherToken(c.path("tid").asText(null), c.path("psn_no").asText(null),
                    VoucherPurpose.parse(c.path("purpose").asText("")), c.path("admdvs").asText(null),
                    Instant.ofEpochSecond(c.path("iat").asLong()), Instant.ofEpochSecond(c.path("exp").asLong()),
                    c.path("kid").asText(null));
            if (claims.tokenId() == null || claims.psnNo() == null || claims.keyId() == null) {
                return Optional.empty();
            }
            return Optional.of(new Parts(p[0], Base64.getEncoder().encodeToString(B64D.decode(p[1])), claims));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * The psn_no a signed token names, without checking the signature: for 1101's person lookup, which runs only
     * after the node's voucher check accepted the token.
     */
    public static Optional<String> claimedPsnNo(String token) {
        return split(token).map(p -> p.claims().psnNo());
    }
}
