package io.insurebridge.mapping;

/** An outpatient chronic/special disease and the diagnosis prefix it covers (mappings/chronic_diseases.csv). */
public record ChronicDisease(String code, String name, String diagPrefix) {}
