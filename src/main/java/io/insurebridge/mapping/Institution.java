package io.insurebridge.mapping;

/** A designated medical institution (mappings/institutions.csv); level drives the pooled-fund ratio. */
public record Institution(String code, String name, String admdvs, String level, String agreement,
                          String internetAgreement) {
    public boolean agreementActive() { return "ACTIVE".equals(agreement); }
    /** The Internet+ supplementary agreement never outlives the physical institution's agreement. */
    public boolean internetAgreementActive() { return agreementActive() && "ACTIVE".equals(internetAgreement); }
}
