package io.insurebridge.inbound.fhir;

import io.insurebridge.store.MessageQuery;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import java.util.Optional;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Type;

/**
 * The cancel operation's input: {@code POST /fhir/Claim/$cancel} with a Parameters resource whose parameter
 * {@code identifier} (valueIdentifier or valueString) is the business identifier of the settled Claim.
 */
final class FhirCancel {

    static final String PARAMETER = "identifier";

    private FhirCancel() {}

    static String claimIdentifier(Parameters parameters) {
        Type value = parameters.getParameter().stream().filter(p -> PARAMETER.equals(p.getName()))
                .map(Parameters.ParametersParameterComponent::getValue).findFirst().orElse(null);
        if (value instanceof Identifier id) {
            return id.getValue();
        }
        return value == null ? null : value.primitiveValue();
    }

    /**
     * The stored REST Claim with that identifier (its control id), of the given institution when one is known
     * (the cancel's sender: an institution cancels only its own claims).
     */
    static Optional<StoredMessage> originalClaim(MessageStore store, String identifier, String institution) {
        if (identifier == null) {
            return Optional.empty();
        }
        return store.search(new MessageQuery(null, FhirProcessing.CLAIM, null, identifier, null, null, 0, 20))
                .stream().filter(m -> "FHIR".equals(m.protocol()))
                .filter(m -> institution == null || institution.equals(m.sendingFacility())).findFirst();
    }
}
