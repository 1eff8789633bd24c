package io.insurebridge.inbound.hl7;

import io.insurebridge.inbound.connector.ConnectorCounters;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mllp.MllpConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Camel glue of the MLLP listener route: hands the raw bytes to the intake and puts the ACK it decided on the
 * exchange (autoAck is off, so camel-mllp sends exactly these bytes).
 */
@Component("hl7IntakeProcessor")
public class Hl7IntakeProcessor implements Processor {

    private static final Logger log = LoggerFactory.getLogger(Hl7IntakeProcessor.class);
    public static final String CONNECTOR_PROPERTY = "insurebridgeConnector";

    private final Hl7Intake intake;
    private final ConnectorRegistry connectors;
    private final ConnectorCounters counters;

    public Hl7IntakeProcessor(Hl7Intake intake, ConnectorRegistry connectors, ConnectorCounters counters) {
        this.intake = intake;
        this.connectors = connectors;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(CONNECTOR_PROPERTY, String.class);
        byte[] body = exchange.getIn().getBody(byte[].class);
        byte[] bytes = body == null ? new byte[0] : body;
        byte[] ack;
        try {
            ack = intake.receive(connectors.get(name), bytes).ackBytes();
        } catch (RuntimeException e) {
            // nothing could be stored (e.g. the database is down): never AA, tell the HIS to resend
            log.error("HL7 message on {} could not be stored: {}", name, e.toString());
            counters.error(name, "not stored: " + e.getClass().getSimpleName());
            RawHl7 in = RawHl7.decode(bytes, connectors.get(name).charset());
            ack = AckBuilder.build(in, AckCode.AE, "not stored, please resend",
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, "store unavailable")), List.of())
                    .getBytes(in.charset());
        }
        exchange.getMessage().setBody(ack);
        // a frame of 0-3 bytes would make camel-mllp reset the connection instead of answering (ShortFrameAck)
        if (!ShortFrameAck.needed(bytes) || !ShortFrameAck.deliver(exchange, ack)) {
            exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
        }
    }
}
