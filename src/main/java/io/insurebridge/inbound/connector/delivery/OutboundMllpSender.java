package io.insurebridge.inbound.connector.delivery;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.ConnectorRoutes;
import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.inbound.hl7.RawHl7;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import javax.net.SocketFactory;
import java.nio.charset.Charset;

/**
 * Sends one HL7 message to the counterpart of an hl7-mllp-outbound connector and reads its ACK: AA is delivered,
 * AE/AR is a refusal carrying the ACK text (not retried), a timeout or a refused connection is an exception the
 * route's error handler retries with back-off. One connection per message: senders are low-volume and a kept
 * connection would hide a counterpart restart.
 */
@Component("outboundMllpSender")
public class OutboundMllpSender implements Processor {

    private final ConnectorRegistry registry;
    private final CamelContext camel;

    public OutboundMllpSender(ConnectorRegistry registry, CamelContext camel) {
        this.registry = registry;
        this.camel = camel;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ConnectorDefinition c = registry.get(exchange.getProperty(DeliveryProperties.CONNECTOR, String.class));
        Charset charset = c.charset();
        String message = exchange.getIn().getBody(String.class);
        int ackTimeout = (int) c.number("ack-timeout-ms", 30_000);
        String ack;
        try (MllpClient client = new MllpClient(socketFactory(c), c.host(), c.port(),
                (int) c.number("connect-timeout-ms", 5_000))) {
            client.timeout(ackTimeout);
            ack = client.send(message, charset);
        }
        RawHl7 parsed = RawHl7.of(ack);
        String code = parsed.field("MSA", 1);
        exchange.getMessage().setHeader("InsureBridgeAck", ack);
        if (!"AA".equals(code) && !"CA".equals(code)) {
            String text = parsed.field("MSA", 3);
            String err = parsed.field("ERR", 8);
            throw new CounterpartRejectedException(c.name() + " answered " + (code.isEmpty() ? "no MSA" : code)
                    + (text.isEmpty() ? "" : ": " + text) + (err.isEmpty() ? "" : " (" + err + ")"));
        }
    }

    private SocketFactory socketFactory(ConnectorDefinition c) throws Exception {
        if (!c.tls().enabled()) {
            return SocketFactory.getDefault();
        }
        return ConnectorRoutes.clientSslContext(c.tls()).createSSLContext(camel).getSocketFactory();
    }
}
