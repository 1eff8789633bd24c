package io.insurebridge.circulation;

import io.insurebridge.model.Prescription;

/**
 * Where both front doors (HL7 RDE^O11 / OMP^O09 and FHIR MedicationRequest) hand a mapped prescription: it is
 * checked, signed, uploaded (7101 semantics) and put into circulation to the designated pharmacies.
 */
public interface PrescriptionIntake {

    /**
     * @param messageId the stored inbound message the prescription came from (its trace)
     */
    PrescriptionReceipt submit(long messageId, Prescription prescription);
}
