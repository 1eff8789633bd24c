package io.insurebridge.support;

import org.springframework.boot.test.web.client.TestRestTemplate;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Credentials of the built-in demo users (application.yml, insurebridge.security.users) for tests that call the
 * HTTP API: operator (re-drives messages), auditor (read-only), engineer (changes connectors and mappings).
 */
public final class TestAuth {

    public static final String OPERATOR = "operator";
    public static final String AUDITOR = "auditor";
    public static final String ENGINEER = "engineer";

    /** The demo hospital's FHIR client (institution H33010000001) of AppTestSupport's connectors folder. */
    public static final String FHIR_CLIENT = "demo-hospital";
    public static final String FHIR_PASSWORD = "demo-hospital-fhir";

    private TestAuth() {}

    /** Writes the fhir-inbound connector file of the demo hospital's FHIR client into a connectors folder. */
    public static java.nio.file.Path writeFhirClient(java.nio.file.Path connectors) throws java.io.IOException {
        return java.nio.file.Files.writeString(connectors.resolve("demo-hospital-fhir.yaml"), """
                kind: fhir-inbound
                name: demo-hospital-fhir
                institution: H33010000001
                auth:
                  username: %s
                  password: "{noop}%s"
                """.formatted(FHIR_CLIENT, FHIR_PASSWORD));
    }

    /** Adds the demo hospital FHIR client's Authorization header to a request to /fhir. */
    public static HttpRequest.Builder fhir(HttpRequest.Builder request) {
        return request.header("Authorization", basic(FHIR_CLIENT, FHIR_PASSWORD));
    }

    public static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The demo password of a built-in user: "demo-" + name (overridden by configuration outside tests). */
    public static String password(String user) {
        return "demo-" + user;
    }

    /** The value of an Authorization header for the user. */
    public static String header(String user) {
        String pair = user + ":" + password(user);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the user's Authorization header to a java.net.http request. */
    public static HttpRequest.Builder as(String user, HttpRequest.Builder request) {
        return request.header("Authorization", header(user));
    }

    /** A TestRestTemplate that authenticates as the user. */
    public static TestRestTemplate as(String user, TestRestTemplate http) {
        return http.withBasicAuth(user, password(user));
    }
}
