package io.insurebridge.mapping;

/** An insurance-agreement doctor (mappings/doctors.csv). */
public record Doctor(String code, String name, String institutionCode, int pointsLeft) {}
