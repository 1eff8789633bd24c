package io.insurebridge.patient.bill;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A bill's verification code: the first 10 hex digits of HMAC-SHA256 over the bill's number, settlement, totals and
 * time, keyed with the node's secret. Anyone holding the bill can have it checked (GET .../verify?code=); nobody
 * without the secret can make a code for an invented bill.
 */
public class VerificationCodes {
    private final byte[] secret;

    public VerificationCodes(BillProperties properties, Path dataDir) {
        this.secret = properties.verificationSecret() != null && !properties.verificationSecret().isBlank()
                ? properties.verificationSecret().getBytes(StandardCharsets.UTF_8)
                : demoSecret(dataDir.resolve("bill").resolve("verification.key"));
    }

    public String code(String billNo, String setlId, String medfeeSumamt, String cash, String issuedAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(String.join("|", billNo, setlId, medfeeSumamt, cash, issuedAt)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5).toUpperCase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] demoSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return HexFormat.of().parseHex(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Files.writeString(file, HexFormat.of().formatHex(random));
            return random;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the bill verification key in " + file, e);
        }
    }
}
