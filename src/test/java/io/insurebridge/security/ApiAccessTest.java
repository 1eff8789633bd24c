package io.insurebridge.security;

import io.insurebridge.support.AppTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.insurebridge.support.TestAuth.AUDITOR;
import static io.insurebridge.support.TestAuth.ENGINEER;
import static io.insurebridge.support.TestAuth.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/** Who may do what on the real HTTP listener: anonymous, auditor, operator, engineer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "insurebridge.processing.enabled=false")
class ApiAccessTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "access", MLLP_PORT);
    }

    @LocalServerPort int port;

    final HttpClient http = HttpClient.newHttpClient();

    int status(String method, String path, String user) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            io.insurebridge.support.TestAuth.as(user, b);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anonymousCallersSeeOnlyHealthAndTheMachineEndpoints() throws Exception {
        assertThat(status("GET", "/api/messages", null)).isEqualTo(401);
        assertThat(status("POST", "/api/mappings/reload", null)).isEqualTo(401);
        assertThat(status("GET", "/actuator/metrics", null)).isEqualTo(401);
        assertThat(status("GET", "/actuator/health", null)).isEqualTo(200);
        // the national interface is reached by systems: it answers (with its own error envelope), not 401
        assertThat(status("POST", "/fsi/api/callService", null)).isNotIn(401, 403);
    }

    @Test
    void aWrongPasswordIsRefused() throws Exception {
        HttpRequest bad = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("auditor:guess".getBytes()))
                .GET().build();
        assertThat(http.send(bad, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
    }

    @Test
    void anAuditorReadsButChangesNothing() throws Exception {
        assertThat(status("GET", "/api/messages", AUDITOR)).isEqualTo(200);
        assertThat(status("GET", "/api/dead-letters", AUDITOR)).isEqualTo(200);
        assertThat(status("GET", "/actuator/metrics", AUDITOR)).isEqualTo(200);
        assertThat(status("POST", "/api/messages/1/reprocess", AUDITOR)).isEqualTo(403);
        assertThat(status("POST", "/api/dead-letters/1/retry", AUDITOR)).isEqualTo(403);
        assertThat(status("POST", "/api/mappings/reload", AUDITOR)).isEqualTo(403);
    }

    @Test
    void anOperatorRedrivesMessagesButDoesNotRewireTheProduct() throws Exception {
        // past the door: the message does not exist
        assertThat(status("POST", "/api/messages/987654/reprocess", OPERATOR)).isEqualTo(404);
        assertThat(status("POST", "/api/dead-letters/987654/retry", OPERATOR)).isEqualTo(404);
        assertThat(status("POST", "/api/mappings/reload", OPERATOR)).isEqualTo(403);
    }

    @Test
    void anEngineerMayDoAll() throws Exception {
        assertThat(status("POST", "/api/mappings/reload", ENGINEER)).isEqualTo(200);
        assertThat(status("POST", "/api/messages/987654/reprocess", ENGINEER)).isEqualTo(404);
        assertThat(status("GET", "/api/connectors", ENGINEER)).isEqualTo(200);
    }
}
