package io.insurebridge.settlement.policy;

import java.util.Optional;

/** The med_type groups of policy.md that have their own deductible, ratio and cap. */
public enum BenefitGroup {
    OUTPATIENT, CHRONIC;

    /** 11 general, 13 emergency, 16 TCM -> outpatient; 14 chronic/special; anything else is not settled here. */
    public static Optional<BenefitGroup> ofMedType(String medType) {
        if (medType == null) {
            return Optional.empty();
        }
        return switch (medType) {
            case "11", "13", "16" -> Optional.of(OUTPATIENT);
            case "14" -> Optional.of(CHRONIC);
            default -> Optional.empty();
        };
    }
}
