package io.insurebridge.settlement.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money arithmetic of docs/policy.md: decimal only, rounded HALF_UP to 2 places where a step says "round". */
public final class Money {
    public static final BigDecimal ZERO = new BigDecimal("0.00");

    private Money() {}

    public static BigDecimal round(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    public static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    public static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Never below zero: what is left of an annual limit once more than it was used. */
    public static BigDecimal remaining(BigDecimal limit, BigDecimal used) {
        return round(max(ZERO, limit.subtract(used)));
    }

    public static BigDecimal of(String value) {
        return round(new BigDecimal(value));
    }
}
