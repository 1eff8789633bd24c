package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.platform.PlatformJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

import static org.assertj.core.api.Assertions.assertThat;

/** SM2 over SM3 with BouncyCastle: signatures, canonical bytes, demo and configured keys, the payload check. */
class SigningTest {

    @TempDir Path dir;

    @Test
    void signatureVerifiesOnlyForTheSameBytesAndKey() {
        KeyPair pair = Sm2Crypto.generate();
        byte[] data = "{\"hi_rxno\":\"R1\"}".getBytes(StandardCharsets.UTF_8);
        String signature = Sm2Crypto.sign(pair.getPrivate(), data);
        assertThat(Sm2Crypto.verify(pair.getPublic(), data, signature)).isTrue();
        byte[] changed = data.clone();
        changed[3] ^= 1;
        assertThat(Sm2Crypto.verify(pair.getPublic(), changed, signature)).isFalse();
        assertThat(Sm2Crypto.verify(Sm2Crypto.generate().getPublic(), data, signature)).isFalse();
        assertThat(Sm2Crypto.verify(pair.getPublic(), data, "not base64!")).isFalse();
        assertThat(Sm2Crypto.keyId(pair.getPublic())).hasSize(16).matches("[0-9A-F]+");
    }

    @Test
    void canonicalBytesIgnoreKeyOrderButNotValues() throws Exception {
        byte[] a = CanonicalJson.bytes(PlatformJson.MAPPER.readTree("{\"b\":1,\"a\":{\"y\":\"x\",\"x\":[2,1]}}"));
        byte[] b = CanonicalJson.bytes(PlatformJson.MAPPER.readTree("{\"a\":{\"x\":[2,1],\"y\":\"x\"},\"b\":1}"));
        byte[] c = CanonicalJson.bytes(PlatformJson.MAPPER.readTree("{\"a\":{\"x\":[1,2],\"y\":\"x\"},\"b\":1}"));
        assertThat(new String(a, StandardCharsets.UTF_8)).isEqualTo("{\"a\":{\"x\":[2,1],\"y\":\"x\"},\"b\":1}");
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void demoKeysAreGeneratedOnceIntoTheDataDirAndReused() throws Exception {
        SigningKeys first = new SigningKeys(new SigningProperties(null, null, null), dir);
        assertThat(dir.resolve("keys/sm2-private.pem")).exists();
        assertThat(Files.readString(dir.resolve("keys/sm2-public.pem"))).startsWith("-----BEGIN PUBLIC KEY-----");
        SigningKeys again = new SigningKeys(new SigningProperties(null, null, null), dir);
        assertThat(again.keyId()).isEqualTo(first.keyId());
    }

    @Test
    void configuredPemKeysAreUsedAndTrustedKeysAccepted() throws Exception {
        KeyPair pair = Sm2Crypto.generate();
        Path priv = Files.writeString(dir.resolve("inst.key"), Sm2Crypto.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Path pub = Files.writeString(dir.resolve("inst.pem"), Sm2Crypto.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        KeyPair other = Sm2Crypto.generate();
        Path trustedDir = Files.createDirectories(dir.resolve("trusted"));
        Files.writeString(trustedDir.resolve("other-hospital.pem"), Sm2Crypto.pem("PUBLIC KEY", other.getPublic().getEncoded()));

        SigningKeys keys = new SigningKeys(new SigningProperties(priv.toString(), pub.toString(), trustedDir.toString()),
                dir.resolve("unused"));
        assertThat(keys.keyId()).isEqualTo(Sm2Crypto.keyId(pair.getPublic()));
        assertThat(keys.trusted(Sm2Crypto.keyId(other.getPublic()))).isPresent();
        assertThat(dir.resolve("unused/keys")).doesNotExist();

        ObjectNode rx = PlatformJson.object().put("hi_rxno", "R1").put("hosp_rxno", "RX1");
        String payload = PlatformJson.write(SignedPrescription.sign(rx, keys));
        assertThat(SignedPrescription.verify(payload, keys).valid()).isTrue();
        SignedPrescription.Verification tampered = SignedPrescription.verify(payload.replace("RX1", "RX2"), keys);
        assertThat(tampered.valid()).isFalse();
        assertThat(tampered.hiRxno()).isEqualTo("R1");
        assertThat(tampered.reason()).contains("signature does not verify");
        assertThat(SignedPrescription.verify(payload.replace("\"SM2\"", "\"RSA\""), keys).reason()).contains("not SM2");
        assertThat(SignedPrescription.verify("{oops", keys).reason()).isEqualTo("payload is not JSON");
    }
}
