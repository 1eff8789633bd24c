package io.insurebridge.inbound.fhir;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * What the FHIR front door answers: HTTP status, body resource, the stored message it belongs to (0 when none)
 * and, for 202, where to look for the result later.
 */
public record FhirAnswer(int status, IBaseResource resource, long messageId, String location) {}
