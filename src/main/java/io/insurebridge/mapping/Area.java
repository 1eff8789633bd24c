package io.insurebridge.mapping;

/** A coordination area (insurance division), mappings/areas.csv. */
public record Area(String admdvs, String name, String provinceAdmdvs) {}
