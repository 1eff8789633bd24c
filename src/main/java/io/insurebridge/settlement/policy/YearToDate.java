package io.insurebridge.settlement.policy;

import java.math.BigDecimal;

/**
 * What a person has used so far this year in the visit's benefit group (deductible, pooled fund), across groups
 * (critical-illness burden B0, assistance), and the personal account balance now.
 */
public record YearToDate(BigDecimal deductibleUsed, BigDecimal pooledPaid, BigDecimal criticalIllnessBurden,
                         BigDecimal assistancePaid, BigDecimal accountBalance) {

    public static YearToDate fresh(BigDecimal accountBalance) {
        return new YearToDate(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.round(accountBalance));
    }

    public YearToDate plus(AccumulatorDelta d) {
        return new YearToDate(deductibleUsed.add(d.deductible()), pooledPaid.add(d.pooled()),
                criticalIllnessBurden.add(d.criticalIllnessBurden()), assistancePaid.add(d.assistance()),
                accountBalance.subtract(d.account()));
    }

    public YearToDate minus(AccumulatorDelta d) {
        return plus(d.negate());
    }
}
