package io.insurebridge.mapping;

import java.math.BigDecimal;
import java.util.Map;

/** Payment policy parameters of one coordination area (mappings/policy.yaml), see docs/policy.md. */
public record AreaPolicy(String admdvs, Map<String, InsutypePolicy> byInsutype, Assistance assistance,
                         BigDecimal unfiledRatioReduction, int followUpDays) {

    /** Parameters of one insurance type: the outpatient and chronic groups, and the optional critical-illness layer. */
    public record InsutypePolicy(Layer outpatient, Layer chronic, CriticalIllness criticalIllness) {}

    /** Deductible, ratio by institution level ("1".."3") and annual cap of one med_type group. */
    public record Layer(BigDecimal deductible, Map<String, BigDecimal> ratioByLevel, BigDecimal cap) {}

    public record CriticalIllness(BigDecimal threshold, BigDecimal ratio) {}

    public record Assistance(String identity, BigDecimal ratio, BigDecimal cap) {}
}
