package io.insurebridge.mapping;

import io.insurebridge.model.Prescription;
import io.insurebridge.model.Visit;
import java.util.List;

/**
 * What one FHIR request became: a Visit (CoverageEligibilityRequest, Claim) or a Prescription (MedicationRequest),
 * the local codes that did not map (kept with the element's FHIRPath) and the content errors.
 */
public record FhirTranslation(Visit visit, Prescription prescription, List<Unmapped> unmapped,
                              List<FhirIssue> errors) {

    public FhirTranslation {
        unmapped = List.copyOf(unmapped);
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() { return !errors.isEmpty(); }

    /** The gap record (as HL7 keeps it) and where the code sits in the resource. */
    public record Unmapped(UnmappedCode code, String expression) {}
}
