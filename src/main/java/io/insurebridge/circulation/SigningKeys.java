package io.insurebridge.circulation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * This institution's signing key pair and the public keys of the signers a pharmacy trusts (own key + the
 * trusted-keys folder), by key id.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;
    private final Map<String, PublicKey> trusted = new ConcurrentHashMap<>();

    public SigningKeys(SigningProperties properties, Path dataDir) {
        KeyPair pair = properties.configured() ? read(properties) : demoPair(dataDir.resolve("keys"));
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic();
        this.keyId = Sm2Crypto.keyId(publicKey);
        trusted.put(keyId, publicKey);
        if (properties.trustedKeysDir() != null && !properties.trustedKeysDir().isBlank()) {
            loadTrusted(Path.of(properties.trustedKeysDir()));
        }
        log.info("SM2 signing key {} ({})", keyId, properties.configured() ? "configured" : "demo key in data dir");
    }

    public PrivateKey privateKey() { return privateKey; }

    public PublicKey publicKey() { return publicKey; }

    public String keyId() { return keyId; }

    public String publicKeyPem() { return Sm2Crypto.pem("PUBLIC KEY", publicKey.getEncoded()); }

    /** Every trusted signer's key (own key included). */
    public java.util.Collection<PublicKey> trustedKeys() { return List.copyOf(trusted.values()); }

    public Optional<PublicKey> trusted(String id) { return Optional.ofNullable(id == null ? null : trusted.get(id)); }

    /** Adds another signer's public key (e.g. a second hospital) to the trusted set; returns its key id. */
    public String trust(PublicKey key) {
        String id = Sm2Crypto.keyId(key);
        trusted.put(id, key);
        return id;
    }

    private static KeyPair read(SigningProperties p) {
        try {
            PrivateKey priv = Sm2Crypto.privateKey(Files.readAllBytes(Path.of(p.privateKey())));
            PublicKey pub = Sm2Crypto.publicKey(Files.readAllBytes(Path.of(p.publicKey())));
            return new KeyPair(pub, priv);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("insurebridge.signing: cannot read SM2 keys " + p.privateKey() + " / "
                    + p.publicKey() + ": " + e.getMessage(), e);
        }
    }

    /** The demo pair: generated once into the data dir, read back on every later start. */
    private static KeyPair demoPair(Path dir) {
        Path priv = dir.resolve("sm2-private.pem");
        Path pub = dir.resolve("sm2-public.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                return new KeyPair(Sm2Crypto.publicKey(Files.readAllBytes(pub)),
                        Sm2Crypto.privateKey(Files.readAllBytes(priv)));
            }
            Files.createDirectories(dir);
            KeyPair pair = Sm2Crypto.generate();
            Files.writeString(priv, Sm2Crypto.pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(pub, Sm2Crypto.pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo SM2 keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("demo SM2 keys in " + dir + " are unreadable: " + e.getMessage(), e);
        }
    }

    private void loadTrusted(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".pem")).toList()) {
                try {
                    trust(Sm2Crypto.publicKey(Files.readAllBytes(f)));
                } catch (GeneralSecurityException | IOException e) {
                    throw new IllegalStateException("trusted key " + f + " is unreadable: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
