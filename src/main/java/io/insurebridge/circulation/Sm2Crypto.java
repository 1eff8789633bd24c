package io.insurebridge.circulation;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SM2 signatures over SM3 (GB/T 32918 / GB/T 32905) with BouncyCastle, and the PEM form of the keys. The provider
 * is used directly (not installed globally) so nothing else in the JVM changes its algorithm choices.
 */
public final class Sm2Crypto {

    public static final String SIGN_TYPE = "SM2";
    private static final Provider BC = new BouncyCastleProvider();

    private Sm2Crypto() {}

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(new ECGenParameterSpec("sm2p256v1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 key generation unavailable", e);
        }
    }

    /** Base64 of the SM3withSM2 signature (DER) over the bytes. */
    public static String sign(PrivateKey key, byte[] data) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.initSign(key);
            signature.update(data);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM2 signing failed", e);
        }
    }

    /** False for a wrong signature, a malformed one, or one made with another key. */
    public static boolean verify(PublicKey key, byte[] data, String base64Signature) {
        try {
            Signature signature = Signature.getInstance("SM3withSM2", BC);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The key id a payload names its signer by: hex of the first 8 bytes of SM3 over the encoded public key. */
    public static String keyId(PublicKey key) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SM3", BC).digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8).toUpperCase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SM3 unavailable", e);
        }
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey privateKey(byte[] pemOrDer) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", BC).generatePrivate(new PKCS8EncodedKeySpec(der(pemOrDer)));
    }

    public static PublicKey publicKey(byte[] pemOrDer) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC", BC).generatePublic(new X509EncodedKeySpec(der(pemOrDer)));
    }

    private static byte[] der(byte[] content) {
        String text = new String(content, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN")) {
            return content;
        }
        String base64 = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
