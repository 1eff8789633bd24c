package io.insurebridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.inbound.fhir.FhirResources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Path 4, the FHIR front door: per iteration one POST /fhir/Claim (use = claim) of a new visit of bench person
 * (offset + n) mod persons, which runs 1101, 2201, 2203, 2204 and 2207 and answers a ClaimResponse. Signed in as
 * the demo hospital's FHIR client (HTTP Basic); one HTTP/1.1 client per worker, so connections are kept alive.
 */
public final class FhirScenario {

    static final String CLIENT = "demo-hospital";
    static final String PASSWORD = "demo-hospital-fhir";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FhirScenario() {}

    public static LoadGenerator.SessionFactory claims(int httpPort, String run, int persons, int offset,
                                                      LatencyStats stats) {
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/fhir/Claim");
        String auth = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return worker -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            return n -> {
                int k = (int) ((offset + n) % persons);
                BenchPersons.Person p = BenchPersons.person(k);
                String claim = FhirResources.claim("C" + run + "-" + n, "claim",
                        FhirResources.patient("resident-id", p.certno(), "压测" + k), "F" + run + "-" + n, "AMB",
                        FhirResources.demoItems());
                long t0 = System.nanoTime();
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/fhir+json").header("Authorization", auth)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(claim)).build(), HttpResponse.BodyHandlers.ofString());
                stats.recordNanos(System.nanoTime() - t0);
                String error = problem(response);
                if (error != null) {
                    stats.error(error);
                }
            };
        };
    }

    /** Null for a ClaimResponse with outcome complete and a settlement id, else what was wrong. */
    static String problem(HttpResponse<String> response) throws Exception {
        String body = response.body();
        if (response.statusCode() != 200) {
            return response.statusCode() + " " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
        JsonNode answer = JSON.readTree(body);
        boolean settled = "complete".equals(answer.path("outcome").asText())
                && answer.path("identifier").findValuesAsText("system").stream().anyMatch(s -> s.endsWith("/setl-id"));
        return settled ? null : "ClaimResponse without a settlement: " + body.substring(0, Math.min(300, body.length()));
    }
}
