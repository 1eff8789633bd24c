package io.insurebridge.inbound.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import org.springframework.stereotype.Component;

/**
 * One HAPI parser for the whole application: versions 2.3 to 2.5.1 all parse into the canonical 2.5.1 model
 * (traps.md), and HAPI's own validation is off — the product validates what it needs itself.
 */
@Component
public class Hl7Parser {

    private final PipeParser parser;

    public Hl7Parser() {
        HapiContext context = new DefaultHapiContext();
        context.setValidationContext(ValidationContextFactory.noValidation());
        context.setModelClassFactory(new CanonicalModelClassFactory("2.5.1"));
        this.parser = context.getPipeParser();
    }

    public Message parse(String text) throws HL7Exception {
        return parser.parse(text);
    }
}
