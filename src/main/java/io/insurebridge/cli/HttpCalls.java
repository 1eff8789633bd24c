package io.insurebridge.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The CLI's HTTP: one call, its status and body printed; 2xx is success. */
final class HttpCalls {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpCalls() {}

    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    static Answer call(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    }

    /** Adds HTTP Basic credentials given as "name:password" (the API's users, see insurebridge.security). */
    static HttpRequest.Builder asUser(HttpRequest.Builder request, String user) {
        if (user == null || user.isBlank()) {
            return request;
        }
        String token = java.util.Base64.getEncoder().encodeToString(user.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return request.header("Authorization", "Basic " + token);
    }

    static void print(PrintWriter out, String what, Answer answer) {
        out.println(what + " -> HTTP " + answer.status());
        if (answer.body() != null && !answer.body().isBlank()) {
            out.println(answer.body());
        }
    }
}
