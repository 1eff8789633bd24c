package io.insurebridge.mapping;

/** A designated retail pharmacy (mappings/pharmacies.csv). */
public record Pharmacy(String code, String name, String admdvs, String agreement) {
    public boolean agreementActive() { return "ACTIVE".equals(agreement); }
}
