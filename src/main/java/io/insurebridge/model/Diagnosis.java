package io.insurebridge.model;

/** One diagnosis of a visit; code is the insurance edition, localCode what the HIS sent. */
public record Diagnosis(int seq, String type, String localCode, String code, String name, boolean main) {}
