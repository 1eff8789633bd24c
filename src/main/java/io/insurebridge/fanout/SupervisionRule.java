package io.insurebridge.fanout;

import java.util.Set;

/**
 * One smart-review rule of the rules file (docs/fanout.md). Unused parameters are null.
 *
 * @param codes national codes the rule applies to; empty = every line (line rules)
 */
public record SupervisionRule(String id, String type, String action, String description, Set<String> codes,
                              java.math.BigDecimal maxQuantity, String gender, Integer minAge, Integer maxAge,
                              Integer days) {
    public static final String WARN = "warn";
    public static final String REJECT = "reject";

    public static final String QUANTITY_LIMIT = "quantity-limit";
    public static final String GENDER = "gender";
    public static final String AGE = "age";
    public static final String DUPLICATE_PRESCRIPTION = "duplicate-prescription";
    public static final String DOCTOR_WITHOUT_POINTS = "doctor-without-points";
    public static final String INTERNET_NOT_FOLLOW_UP = "internet-not-follow-up";
    public static final String OVER_CEILING = "over-ceiling";

    public static final Set<String> TYPES = Set.of(QUANTITY_LIMIT, GENDER, AGE, DUPLICATE_PRESCRIPTION,
            DOCTOR_WITHOUT_POINTS, INTERNET_NOT_FOLLOW_UP, OVER_CEILING);

    public boolean rejects() {
        return REJECT.equals(action);
    }

    public boolean appliesTo(String code) {
        return codes.isEmpty() || codes.contains(code);
    }
}
