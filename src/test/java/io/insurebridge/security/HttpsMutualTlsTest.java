package io.insurebridge.security;

import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HTTP listener with TLS and optional client certificates (server.ssl.*, client-auth: want), on a CA, server
 * and client certificates made at test time: people sign in with a password over HTTPS, a FHIR client may sign in
 * with its certificate instead (the subject its fhir-inbound file names), and still for its own institution only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "insurebridge.processing.enabled=false")
class HttpsMutualTlsTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final String HIS_SUBJECT = "CN=demo-hospital-his,O=Demo Hospital,C=CN";
    static Path certs;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        Path base = AppTestSupport.register(registry, "https", MLLP_PORT);
        certs = Files.createDirectories(base.resolve("certs"));
        TestCertificates pki = new TestCertificates();
        Path server = pki.keyStore(certs.resolve("server.p12"), "CN=localhost,O=InsureBridge", true);
        Path trust = pki.trustStore(certs.resolve("ca.p12"));
        pki.keyStore(certs.resolve("his.p12"), HIS_SUBJECT, false);
        pki.keyStore(certs.resolve("stranger.p12"), "CN=stranger,O=Nobody", false);
        Files.writeString(base.resolve("connectors").resolve("demo-hospital-fhir-cert.yaml"), """
                kind: fhir-inbound
                institution: H33010000001
                auth:
                  certificate-subject: "cn=demo-hospital-his, o=Demo Hospital, c=CN"
                """);
        registry.add("server.ssl.enabled", () -> "true");
        registry.add("server.ssl.key-store", () -> "file:" + server);
        registry.add("server.ssl.key-store-password", () -> TestCertificates.PASSWORD);
        registry.add("server.ssl.key-store-type", () -> "PKCS12");
        registry.add("server.ssl.trust-store", () -> "file:" + trust);
        registry.add("server.ssl.trust-store-password", () -> TestCertificates.PASSWORD);
        registry.add("server.ssl.trust-store-type", () -> "PKCS12");
        registry.add("server.ssl.client-auth", () -> "want");
    }

    @LocalServerPort int port;

    static HttpClient client(String keyStore) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve("ca.p12"))) {
            trust.load(in, TestCertificates.PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(certs.resolve(keyStore))) {
                keys.load(in, TestCertificates.PASSWORD.toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, TestCertificates.PASSWORD.toCharArray());
        }
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> eligibility(HttpClient http, String institution, String id, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + port
                        + "/fhir/CoverageEligibilityRequest")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FhirClientAuthTest.eligibility(institution, id)));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void peopleSignInWithAPasswordOverHttpsWithoutACertificate() throws Exception {
        HttpClient http = client(null);
        HttpResponse<String> r = http.send(TestAuth.as(TestAuth.AUDITOR, HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/api/messages"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLS"));
        // and a client that does not trust the product's CA does not get a connection at all
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aFhirClientSignsInWithItsCertificateForItsOwnInstitution() throws Exception {
        HttpClient his = client("his.p12");
        HttpResponse<String> own = eligibility(his, "H33010000001", "TLS-1", null);
        assertThat(own.statusCode()).as(own.body()).isEqualTo(422);   // past the door, refused for content
        HttpResponse<String> other = eligibility(his, "H33010000002", "TLS-2", null);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);

        // no certificate and no password; a certificate no file names
        assertThat(eligibility(client(null), "H33010000001", "TLS-3", null).statusCode()).isEqualTo(401);
        assertThat(eligibility(client("stranger.p12"), "H33010000001", "TLS-4", null).statusCode()).isEqualTo(401);
        // without a certificate the HTTP Basic credentials still work
        assertThat(eligibility(client(null), "H33010000001", "TLS-5",
                TestAuth.basic(TestAuth.FHIR_CLIENT, TestAuth.FHIR_PASSWORD)).statusCode()).isEqualTo(422);
    }
}
