package io.insurebridge.mapping;

/** An insurance-edition diagnosis (mappings/diagnoses.csv). */
public record DiagnosisCode(String code, String name) {}
