package io.insurebridge.mapping;

/**
 * One problem of a FHIR resource, located by a FHIRPath expression (OperationOutcome.issue.expression).
 *
 * @param code OperationOutcome issue type: required, value, code-invalid, not-supported, invalid, structure
 */
public record FhirIssue(String expression, String code, String text) {
    public static final String REQUIRED = "required";
    public static final String VALUE = "value";
    public static final String CODE_INVALID = "code-invalid";
    public static final String NOT_SUPPORTED = "not-supported";
}
