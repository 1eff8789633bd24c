package io.insurebridge.platform;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * The sums 2206/2207 send, taken from the platform's own 2204 classification (not recomputed here), so the
 * settlement request agrees with what the platform already accepted line by line.
 */
public record FeeTotals(BigDecimal medfeeSumamt, BigDecimal fulamtOwnpayAmt, BigDecimal overlmtSelfpay,
                        BigDecimal preselfpayAmt, BigDecimal inscpScpAmt) {

    public static FeeTotals of(List<FeeResult> lines) {
        return new FeeTotals(sum(lines, FeeResult::detItemFeeSumamt), sum(lines, FeeResult::fulamtOwnpayAmt),
                sum(lines, FeeResult::overlmtAmt), sum(lines, FeeResult::preselfpayAmt),
                sum(lines, FeeResult::inscpScpAmt));
    }

    private static BigDecimal sum(List<FeeResult> lines, Function<FeeResult, BigDecimal> field) {
        return PlatformFormats.amount(lines.stream().map(field).filter(v -> v != null)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }
}
