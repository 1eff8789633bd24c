package io.insurebridge.settlement.policy;

import java.math.BigDecimal;

/**
 * What one settlement adds to the person's year-to-date state; stored with the settlement so a cancel restores
 * exactly this. {@code account} is the amount taken from the personal account.
 */
public record AccumulatorDelta(BigDecimal deductible, BigDecimal pooled, BigDecimal criticalIllnessBurden,
                               BigDecimal assistance, BigDecimal account) {

    public static final AccumulatorDelta NONE =
            new AccumulatorDelta(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);

    public AccumulatorDelta negate() {
        return new AccumulatorDelta(deductible.negate(), pooled.negate(), criticalIllnessBurden.negate(),
                assistance.negate(), account.negate());
    }
}
