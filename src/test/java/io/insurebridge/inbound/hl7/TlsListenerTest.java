package io.insurebridge.inbound.hl7;

import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A connector with tls.enabled listens with TLS only: a TLS client gets its ACK, a plain one does not. */
@SpringBootTest(properties = "insurebridge.processing.enabled=false")
class TlsListenerTest {

    static final int PORT = AppTestSupport.freePort();
    static Path keystore;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("insurebridge-tls-");
        keystore = dir.resolve("listener.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "listener", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).isZero();
        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(connectors.resolve("tls-hospital.yaml"), """
                kind: hl7-mllp-inbound
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                tls:
                  enabled: true
                  keystore: file:%s
                  keystore-password: changeit
                """.formatted(PORT, keystore));
        registry.add("insurebridge.data-dir", () -> dir.resolve("data").toString());
        registry.add("insurebridge.connectors-dir", connectors::toString);
        registry.add("server.port", () -> "0");
    }

    @Test
    void tlsClientIsAcknowledgedPlainClientIsNot() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trust.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);

        try (MllpClient client = new MllpClient(ssl.getSocketFactory(), "127.0.0.1", PORT, 20_000)) {
            String ack = client.send(Hl7FrontDoorTest.a04("TLS-0001"), StandardCharsets.UTF_8);
            assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
            assertThat(field(ack, "MSA", 2)).isEqualTo("TLS-0001");
        }
        assertThatThrownBy(() -> {
            try (MllpClient plain = new MllpClient("127.0.0.1", PORT, 3_000)) {
                plain.send(Hl7FrontDoorTest.a04("TLS-0002"), StandardCharsets.UTF_8);
            }
        }).isInstanceOf(java.io.IOException.class);
    }
}
