package io.insurebridge.patient.identity;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;

import java.util.ArrayList;
import java.util.List;

/**
 * FHIR form of an attested identity check: an extension on the Claim (repeatable),
 * {@value #URL}, with sub-extensions type, result, score, time, attester, location (all valueString; time may be a
 * valueDateTime).
 */
public final class FhirIdentityExtension {
    public static final String URL = "https://insurebridge.io/fhir/StructureDefinition/identity-check";

    private FhirIdentityExtension() {}

    public static List<IdentityClaim> read(DomainResource resource) {
        List<IdentityClaim> claims = new ArrayList<>();
        for (Extension e : resource.getExtensionsByUrl(URL)) {
            claims.add(new IdentityClaim(text(e, "type") == null ? "" : text(e, "type").toUpperCase(),
                    text(e, "result") == null ? "" : text(e, "result"), text(e, "score"), text(e, "time"),
                    text(e, "attester"), text(e, "location")));
        }
        return claims;
    }

    private static String text(Extension parent, String url) {
        Extension e = parent.getExtensionByUrl(url);
        return e == null || e.getValue() == null ? null : e.getValue().primitiveValue();
    }
}
