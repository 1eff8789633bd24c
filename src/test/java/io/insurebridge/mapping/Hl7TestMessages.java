package io.insurebridge.mapping;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.NoValidation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Test HL7 messages from src/test/resources/hl7 (written with \n, sent with \r), parsed like the listener does. */
final class Hl7TestMessages {
    private static final HapiContext HAPI = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));

    static {
        HAPI.setValidationContext(new NoValidation());
    }

    private Hl7TestMessages() {}

    static String text(String resource) {
        try (InputStream in = Hl7TestMessages.class.getResourceAsStream("/hl7/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replace("\r\n", "\r")
                    .replace('\n', '\r');
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Message parse(String resource) {
        return parseText(text(resource));
    }

    static Message parseText(String er7) {
        try {
            return HAPI.getPipeParser().parse(er7);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
