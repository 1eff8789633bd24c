package io.insurebridge.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.store.InboundMessage;
import io.insurebridge.store.MessageStore;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static io.insurebridge.support.TestAuth.AUDITOR;
import static io.insurebridge.support.TestAuth.ENGINEER;
import static io.insurebridge.support.TestAuth.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Privileged actions leave an audit row (who, what, target, why, outcome, from where) and personal data is
 * masked in API answers unless the user holds the personal-data right; on the real HTTP listener and database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.processing.enabled=false",
        "insurebridge.security.users[0].name=operator",
        "insurebridge.security.users[0].password={noop}demo-operator",
        "insurebridge.security.users[0].roles=OPERATOR",
        "insurebridge.security.users[1].name=auditor",
        "insurebridge.security.users[1].password={noop}demo-auditor",
        "insurebridge.security.users[1].roles=AUDITOR",
        "insurebridge.security.users[2].name=engineer",
        "insurebridge.security.users[2].password={noop}demo-engineer",
        "insurebridge.security.users[2].roles=ENGINEER",
        "insurebridge.security.users[3].name=privacy",
        "insurebridge.security.users[3].password={noop}demo-privacy",
        "insurebridge.security.users[3].roles=AUDITOR",
        "insurebridge.security.users[3].personal-data=true"})
class PrivilegedApiTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final String PRIVACY = "privacy";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HL7 = "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||ADT^A04^ADT_A01|MASK-1|P|2.5.1\r"
            + "PID|1||330102198001150117^^^^ID~EV330100000001^^^^EV||张伟^^||19800115|M|||西湖路1号^^杭州||13812345678\r"
            + "NK1|1|李娜|SPO||13987654321\r"
            + "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生\r"
            + "ZIN|01|EV330100000001||||11\r";
    static final String FHIR = """
            {"resourceType":"CoverageEligibilityRequest","status":"active",
             "patient":{"identifier":{"system":"https://insurebridge.io/fhir/sid/resident-id","value":"330102198001150117"},
                        "display":"张伟"},
             "contained":[{"resourceType":"Patient","id":"p","name":[{"text":"张伟","family":"张","given":["伟"]}],
                           "telecom":[{"system":"phone","value":"13812345678"}]}],
             "provider":{"identifier":{"system":"https://insurebridge.io/fhir/sid/institution","value":"H33010000001"}}}
            """;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "privileged", MLLP_PORT);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> call(String method, String path, String user, String body, String reasonHeader)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", user.equals(PRIVACY) ? TestAuth.basic(PRIVACY, "demo-privacy")
                    : TestAuth.header(user));
        }
        if (reasonHeader != null) {
            b.header("X-Audit-Reason", reasonHeader);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode audit(String query) throws Exception {
        HttpResponse<String> r = call("GET", "/api/audit?" + query, AUDITOR, null, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("items");
    }

    @Test
    void everyPrivilegedActionIsAuditedWithWhoWhatWhyAndOutcome() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        assertThat(call("POST", "/api/messages/987654/reprocess", OPERATOR, null, "HIS asked again").statusCode())
                .isEqualTo(404);
        assertThat(call("POST", "/api/dead-letters/987655/retry", OPERATOR, null, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/mapping-gaps/987656/reprocess", OPERATOR, null, null).statusCode())
                .isEqualTo(404);
        assertThat(call("POST", "/api/mappings/reload", ENGINEER, null, "crosswalk row added").statusCode())
                .isEqualTo(200);
        assertThat(call("POST", "/api/connectors/reload", ENGINEER, null, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/prescriptions/RX-NONE/cancel", OPERATOR, "{\"reason\":\"duplicate rx\"}", null)
                .statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/registry/institutions/H33010000003/restore", OPERATOR,
                "{\"reason\":\"inspection closed\"}", null).statusCode()).isEqualTo(200);
        // a role that may not: refused at the door, recorded all the same
        assertThat(call("POST", "/api/mappings/reload", AUDITOR, null, null).statusCode()).isEqualTo(403);

        JsonNode operator = audit("user=operator&from=" + URLEncoder.encode(start.toString(), StandardCharsets.UTF_8));
        assertThat(operator).hasSize(5);
        JsonNode reprocess = audit("action=messages.reprocess&user=operator").get(0);
        assertThat(reprocess.get("target").asText()).isEqualTo("987654");
        assertThat(reprocess.get("reason").asText()).isEqualTo("HIS asked again");
        assertThat(reprocess.get("outcome").asText()).isEqualTo("REFUSED");
        assertThat(reprocess.get("httpStatus").asInt()).isEqualTo(404);
        assertThat(reprocess.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(reprocess.get("roles").asText()).contains("ROLE_OPERATOR");
        assertThat(audit("action=dead-letters.retry").get(0).get("target").asText()).isEqualTo("987655");
        assertThat(audit("action=mapping-gaps.reprocess").get(0).get("target").asText()).isEqualTo("987656");
        JsonNode cancel = audit("action=prescriptions.cancel").get(0);
        assertThat(cancel.get("target").asText()).isEqualTo("RX-NONE");
        assertThat(cancel.get("reason").asText()).isEqualTo("duplicate rx");
        JsonNode registry = audit("action=registry&user=operator").get(0);
        assertThat(registry.get("action").asText()).isEqualTo("registry.restore");
        assertThat(registry.get("target").asText()).isEqualTo("institutions/H33010000003");
        assertThat(registry.get("reason").asText()).isEqualTo("inspection closed");
        assertThat(registry.get("outcome").asText()).isEqualTo("OK");
        // the registry's own history names the signed-in user, not a header
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'registry.restore' AND "
                + "username = 'operator'", Integer.class)).isEqualTo(1);

        JsonNode reloads = audit("action=mappings.reload");
        assertThat(reloads).hasSize(2);
        assertThat(reloads.get(0).get("user").asText()).isEqualTo("auditor");
        assertThat(reloads.get(0).get("outcome").asText()).isEqualTo("DENIED");
        assertThat(reloads.get(1).get("user").asText()).isEqualTo("engineer");
        assertThat(reloads.get(1).get("outcome").asText()).isEqualTo("OK");
        assertThat(reloads.get(1).get("reason").asText()).isEqualTo("crosswalk row added");
        assertThat(audit("action=connectors.reload").get(0).get("user").asText()).isEqualTo("engineer");
        // reads are not privileged actions; the audit itself is for signed-in readers only
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE method = 'GET'", Integer.class)).isZero();
        assertThat(call("GET", "/api/audit", null, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void personalDataIsMaskedInApiAnswersUnlessTheUserMaySeeIt() throws Exception {
        long hl7 = store.insertAccepted(new InboundMessage("demo-hospital", "HL7", "HIS", "H33010000001",
                "INSUREBRIDGE", "NHSA", "MASK-1", "ADT^A04", "2.5.1", "UTF-8", HL7));
        long fhir = store.insertAccepted(new InboundMessage("fhir", "FHIR", "FHIR/CoverageEligibilityRequest",
                "H33010000001", "INSUREBRIDGE", null, "MASK-2", "CoverageEligibilityRequest", "R4", "UTF-8", FHIR));

        for (String user : new String[] {AUDITOR, OPERATOR, ENGINEER}) {
            HttpResponse<String> r = call("GET", "/api/messages/" + hl7, user, null, null);
            assertThat(r.statusCode()).isEqualTo(200);
            String raw = JSON.readTree(r.body()).get("raw").asText();
            assertThat(raw).as(user).doesNotContain("330102198001150117", "张伟", "李娜", "13812345678",
                    "13987654321", "EV330100000001", "西湖路");
            String[] pid = raw.split("\r")[1].split("\\|", -1);
            assertThat(pid[3]).isEqualTo("330102********0117^^^^ID~EV33********01^^^^EV");
            assertThat(pid[5]).isEqualTo("张*^^");
            assertThat(pid[13]).isEqualTo("138****5678");
            assertThat(raw.split("\r")[4]).isEqualTo("ZIN|01|EV33********01||||11");
            // what is not personal stays as it was: codes, the doctor, the control id
            assertThat(raw).contains("MSH|^~\\&|HIS|H33010000001|", "|MASK-1|", "D330100000001^王医生", "NEI");
        }
        JsonNode masked = JSON.readTree(JSON.readTree(call("GET", "/api/messages/" + fhir, AUDITOR, null, null)
                .body()).get("raw").asText());
        assertThat(masked.at("/patient/identifier/value").asText()).isEqualTo("330102********0117");
        assertThat(masked.at("/patient/display").asText()).isEqualTo("张*");
        assertThat(masked.at("/contained/0/name/0/text").asText()).isEqualTo("张*");
        assertThat(masked.at("/contained/0/name/0/given/0").asText()).isEqualTo("*");
        assertThat(masked.at("/contained/0/telecom/0/value").asText()).isEqualTo("138****5678");
        assertThat(masked.at("/provider/identifier/value").asText()).isEqualTo("H33010000001");

        // the personal-data right shows the message as it came
        HttpResponse<String> clear = call("GET", "/api/messages/" + hl7, PRIVACY, null, null);
        assertThat(JSON.readTree(clear.body()).get("raw").asText()).isEqualTo(HL7);
        assertThat(JSON.readTree(JSON.readTree(call("GET", "/api/messages/" + fhir, PRIVACY, null, null).body())
                .get("raw").asText()).at("/patient/identifier/value").asText()).isEqualTo("330102198001150117");
    }
}
