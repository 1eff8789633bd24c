package io.insurebridge.mapping;

/** Hospital local item code -> national code, per institution (mappings/crosswalk.csv). */
public record CrosswalkEntry(String institutionCode, String localCode, String nationalCode, String listType) {}
