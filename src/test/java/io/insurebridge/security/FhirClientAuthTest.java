package io.insurebridge.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The FHIR front door's credentials on the real HTTP listener: fhir-inbound connector files are the only way in,
 * an institution submits for itself only, and files added, disabled or removed at run time take effect.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.processing.enabled=false", "insurebridge.connectors.reload-interval=200ms"})
class FhirClientAuthTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static Path base;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        base = AppTestSupport.register(registry, "fhir-auth", MLLP_PORT);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    /** An eligibility request of the institution without a patient: past the door it is refused with 422. */
    static String eligibility(String institution, String identifier) {
        return """
                {"resourceType": "CoverageEligibilityRequest", "status": "active", "purpose": ["validation"],
                 "identifier": [{"system": "https://his.example/eligibility", "value": "%s"}],
                 "created": "2026-11-30T09:00:00+08:00", "insurer": {"display": "national platform"},
                 "provider": {"identifier": {"system": "https://insurebridge.io/fhir/sid/institution", "value": "%s"}}}
                """.formatted(identifier, institution);
    }

    HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/fhir/CoverageEligibilityRequest")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String demo() {
        return TestAuth.basic(TestAuth.FHIR_CLIENT, TestAuth.FHIR_PASSWORD);
    }

    @Test
    void withoutTheCredentialsOfAFhirClientNothingGetsIn() throws Exception {
        HttpResponse<String> anonymous = post(eligibility("H33010000001", "A-1"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> v.startsWith("Basic"));
        JsonNode outcome = JSON.readTree(anonymous.body());
        assertThat(outcome.get("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("login");

        assertThat(post(eligibility("H33010000001", "A-2"), TestAuth.basic(TestAuth.FHIR_CLIENT, "guess"))
                .statusCode()).isEqualTo(401);
        // the people's users are not FHIR clients
        assertThat(post(eligibility("H33010000001", "A-3"), TestAuth.header(TestAuth.ENGINEER)).statusCode())
                .isEqualTo(401);
        // nothing of it was stored: the door is before the front door
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE control_id LIKE 'A-%'", Integer.class))
                .isZero();
        // the CapabilityStatement stays public
        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/fhir/metadata")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("CapabilityStatement");
    }

    @Test
    void anInstitutionSubmitsForItselfOnly() throws Exception {
        HttpResponse<String> own = post(eligibility("H33010000001", "OWN-1"), demo());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(422);   // past the door, refused for content

        HttpResponse<String> other = post(eligibility("H33010000002", "OTHER-1"), demo());
        assertThat(other.statusCode()).as(other.body()).isEqualTo(403);
        JsonNode outcome = JSON.readTree(other.body());
        assertThat(outcome.at("/issue/0/code").asText()).isEqualTo("forbidden");
        assertThat(outcome.at("/issue/0/expression/0").asText())
                .isEqualTo("CoverageEligibilityRequest.provider.identifier.value");
        assertThat(outcome.at("/issue/0/diagnostics").asText())
                .contains("speak for institution H33010000001, not for H33010000002");
        // stored as a refusal, so the attempt can be seen
        assertThat(jdbc.queryForObject("SELECT status FROM messages WHERE control_id = 'OTHER-1'", String.class))
                .isEqualTo("REJECTED");
    }

    @Test
    void fhirClientsAreAddedDisabledAndRemovedByTheirFiles() throws Exception {
        Path file = base.resolve("connectors").resolve("district-fhir.yaml");
        String city = TestAuth.basic("district-his", "district-secret");
        assertThat(post(eligibility("H33010000002", "D-1"), city).statusCode()).isEqualTo(401);

        Files.writeString(file, """
                kind: fhir-inbound
                institution: H33010000002
                auth:
                  username: district-his
                  password: "{bcrypt}$2a$10$clhbwWPgogCXLNous0Fq3O/RwrnJ8pCwonTTLTx5dP9DMouRdTfJa"
                """);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> post(eligibility("H33010000002", "D-2"), city).statusCode() == 422);
        assertThat(post(eligibility("H33010000001", "D-3"), city).statusCode()).isEqualTo(403);

        Files.writeString(file, Files.readString(file) + "enabled: false\n");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> post(eligibility("H33010000002", "D-4"), city).statusCode() == 401);

        Files.writeString(file, Files.readString(file).replace("enabled: false\n", ""));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> post(eligibility("H33010000002", "D-5"), city).statusCode() == 422);
        Files.delete(file);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> post(eligibility("H33010000002", "D-6"), city).statusCode() == 401);
        // the demo client was never touched
        assertThat(post(eligibility("H33010000001", "D-7"), demo()).statusCode()).isEqualTo(422);
    }
}
