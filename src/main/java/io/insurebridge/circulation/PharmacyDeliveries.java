package io.insurebridge.circulation;

import org.apache.camel.Exchange;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The steps the pharmacy connector routes share: the HTTP POST of kind pharmacy-http, and the trace of each
 * delivery in the prescription's history. A pharmacy that answers 4xx refused the prescription (e.g. the signature
 * did not verify): recorded, not retried. No answer or 5xx: an exception, so the broker redelivers later.
 */
public class PharmacyDeliveries {

    private final PrescriptionStore store;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PharmacyDeliveries(PrescriptionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public void postHttp(Exchange exchange) throws IOException, InterruptedException {
        String url = exchange.getIn().getHeader("InsureBridgePharmacyUrl", String.class);
        int timeout = exchange.getIn().getHeader("InsureBridgePharmacyTimeout", 30, Integer.class);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(timeout))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(exchange.getIn().getBody(String.class), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        String connector = exchange.getIn().getHeader(PrescriptionCirculation.CONNECTOR_HEADER, String.class);
        String hiRxno = exchange.getIn().getHeader(PrescriptionCirculation.HI_RXNO_HEADER, String.class);
        if (response.statusCode() >= 500) {
            throw new IOException("pharmacy " + connector + " answered HTTP " + response.statusCode());
        }
        if (response.statusCode() >= 400) {
            store.history(hiRxno, "PHARMACY_REFUSED", connector, "HTTP " + response.statusCode() + ": "
                    + response.body(), OffsetDateTime.now(clock));
            return;
        }
        delivered(hiRxno, connector, "HTTP " + response.statusCode());
    }

    /** Records a delivery; the first one turns UPLOADED into CIRCULATED. */
    public void delivered(String hiRxno, String connector, String how) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        store.markCirculated(hiRxno, now);
        store.history(hiRxno, "SENT", connector, how, now);
    }
}
