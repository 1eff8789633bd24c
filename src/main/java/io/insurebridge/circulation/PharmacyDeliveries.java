package io.insurebridge.circulation;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.ConnectorRoutes;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.inbound.hl7.RawHl7;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import javax.net.SocketFactory;
import java.time.LocalDateTime;

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
 * The steps the pharmacy connector routes share: the HTTP POST of kind pharmacy-http, the RDS^O13 over MLLP of
 * kind pharmacy-mllp, and the trace of each
 * delivery in the prescription's history. A pharmacy that answers 4xx refused the prescription (e.g. the signature
 * did not verify): recorded, not retried. No answer or 5xx: an exception, so the broker redelivers later.
 */
public class PharmacyDeliveries {

    private final PrescriptionStore store;
    private final Clock clock;
    private final ConnectorRegistry connectors;
    private final CamelContext camel;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PharmacyDeliveries(PrescriptionStore store, Clock clock, ConnectorRegistry connectors, CamelContext camel) {
        this.store = store;
        this.clock = clock;
        this.connectors = connectors;
        this.camel = camel;
    }

    /**
     * Kind pharmacy-mllp: the prescription as RDS^O13 over MLLP. AA/CA = delivered; AE/AR (CE/CR) = the pharmacy
     * refused it (traced with the ACK's MSA-3 and ERR-8 text, not retried); no ACK within ack-timeout-ms or no
     * connection = an exception, so the transaction rolls back and the broker redelivers (delay, back-off, DLA).
     */
    public void sendMllp(Exchange exchange) throws Exception {
        String connector = exchange.getIn().getHeader(PrescriptionCirculation.CONNECTOR_HEADER, String.class);
        String hiRxno = exchange.getIn().getHeader(PrescriptionCirculation.HI_RXNO_HEADER, String.class);
        ConnectorDefinition c = connectors.get(connector);
        if (c == null) {
            throw new IOException("pharmacy connector " + connector + " is gone (file removed); redelivered later");
        }
        String pharmacy = PharmacyTargets.pharmacyOf(c);
        String rds = RdsMessage.of(exchange.getIn().getBody(String.class), pharmacy, LocalDateTime.now(clock));
        SocketFactory sockets = c.tls().enabled()
                ? ConnectorRoutes.clientSslContext(c.tls()).createSSLContext(camel).getSocketFactory()
                : SocketFactory.getDefault();
        String ack;
        try (MllpClient client = new MllpClient(sockets, c.setting("host", "localhost"), (int) c.number("port", 0),
                (int) c.number("connect-timeout-ms", 5_000))) {
            client.timeout((int) c.number("ack-timeout-ms", 30_000));
            ack = client.send(rds, c.charset());
        }
        RawHl7 parsed = RawHl7.of(ack);
        String code = parsed.field("MSA", 1);
        if ("AA".equals(code) || "CA".equals(code)) {
            delivered(hiRxno, connector, "MLLP " + code);
            return;
        }
        String text = parsed.field("MSA", 3);
        String err = parsed.field("ERR", 8);
        store.history(hiRxno, "PHARMACY_REFUSED", connector, "MLLP " + (code.isEmpty() ? "no MSA" : code)
                + (text.isEmpty() ? "" : ": " + text) + (err.isEmpty() ? "" : " (" + err + ")"), OffsetDateTime.now(clock));
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
