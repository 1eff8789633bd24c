package io.insurebridge.mapping;

import io.insurebridge.model.Prescription;
import io.insurebridge.model.Visit;
import java.util.List;

/**
 * What one HL7 v2 message became: a Visit (DFT, ADT) or a Prescription (RDE, OMP), the local codes that did not
 * map (the lines stay in the model with a null national code) and the field-level content errors.
 *
 * @param messageType     MSH-9 as message^event, e.g. DFT^P03
 * @param mappingChecksum the mapping version used, for the trace
 */
public record TranslationResult(String messageType, String controlId, Visit visit, Prescription prescription,
                                List<UnmappedCode> unmapped, List<FieldError> errors, String mappingChecksum) {

    public TranslationResult {
        unmapped = List.copyOf(unmapped);
        errors = List.copyOf(errors);
    }

    /** Nothing unmapped and no field errors: the message can go on to the platform. */
    public boolean complete() {
        return unmapped.isEmpty() && errors.isEmpty();
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
