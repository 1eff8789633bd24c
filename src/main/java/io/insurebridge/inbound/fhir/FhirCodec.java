package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.stereotype.Component;

/** Reads a request body as JSON or XML (by its first character) and writes stored answers as JSON. */
@Component
public class FhirCodec {

    private final FhirContext context;

    public FhirCodec(FhirContext context) {
        this.context = context;
    }

    /** @throws DataFormatException when the body is neither valid FHIR JSON nor XML */
    public IBaseResource parse(String body) {
        return parser(body).parseResource(body);
    }

    public boolean isXml(String body) {
        return body != null && body.stripLeading().startsWith("<");
    }

    public String json(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    private IParser parser(String body) {
        IParser p = isXml(body) ? context.newXmlParser() : context.newJsonParser();
        return p.setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
    }
}
