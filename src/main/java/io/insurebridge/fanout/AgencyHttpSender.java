package io.insurebridge.fanout;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs an event to an agency-http connector's url (headers agencyUrl, agencyTimeoutMs); anything but a 2xx answer
 * fails the exchange so the subscription's transaction rolls back and the broker redelivers the event.
 */
@Component("agencyHttpSender")
public class AgencyHttpSender implements Processor {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void process(Exchange exchange) throws IOException, InterruptedException {
        String url = exchange.getMessage().getHeader("agencyUrl", String.class);
        long timeout = exchange.getMessage().getHeader("agencyTimeoutMs", 10_000L, Long.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMillis(timeout))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Event-Type", exchange.getMessage().getHeader("eventType", "", String.class))
                .header("X-Event-Id", exchange.getMessage().getHeader("eventId", "", String.class))
                .POST(HttpRequest.BodyPublishers.ofString(exchange.getMessage().getBody(String.class),
                        StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("agency " + exchange.getMessage().getHeader("agencyName") + " answered HTTP "
                    + response.statusCode());
        }
    }
}
