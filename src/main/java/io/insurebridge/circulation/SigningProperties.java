package io.insurebridge.circulation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the institution's SM2 signing key lives (insurebridge.signing.*). Both paths empty: a demo key pair is
 * generated at first start into {@code <data-dir>/keys} and reused afterwards (never part of the source tree).
 *
 * @param privateKey PEM file with a PKCS#8 private key ("-----BEGIN PRIVATE KEY-----") or raw DER PKCS#8
 * @param publicKey  PEM file with the X.509 SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----") or raw DER
 * @param trustedKeysDir optional folder of other signers' public keys (*.pem) a pharmacy desk accepts
 */
@ConfigurationProperties(prefix = "insurebridge.signing")
public record SigningProperties(String privateKey, String publicKey, String trustedKeysDir) {

    public boolean configured() {
        return privateKey != null && !privateKey.isBlank() && publicKey != null && !publicKey.isBlank();
    }
}
