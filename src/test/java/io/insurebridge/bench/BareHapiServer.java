package io.insurebridge.bench;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

import java.io.IOException;
import java.util.Map;

/**
 * The baseline: HAPI's own MLLP server (SimpleServer via {@code HapiContext.newServer}) with an application that
 * only parses and acknowledges. HAPI validation is off, as in the product's parser, so both parse alike.
 * Run in its own JVM by the bench: {@code BareHapiServer <port>}.
 */
public final class BareHapiServer {

    private BareHapiServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        HL7Service server = context.newServer(port, false);
        server.registerApplication("*", "*", new ParseAndAck());
        server.startAndWait();
        System.out.println("bare HAPI server listening on " + port);
        Thread.currentThread().join();
    }

    static final class ParseAndAck implements ReceivingApplication<Message> {
        @Override
        public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
            try {
                return message.generateACK();
            } catch (IOException e) {
                throw new HL7Exception(e);
            }
        }

        @Override
        public boolean canProcess(Message message) {
            return true;
        }
    }
}
