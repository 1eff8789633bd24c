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

    private TestAuth() {}

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
