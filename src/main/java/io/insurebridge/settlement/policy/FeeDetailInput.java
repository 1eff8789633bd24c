package io.insurebridge.settlement.policy;

import java.math.BigDecimal;

/** One uploaded fee line as the HIS sent it (2204 feedetail[]): its own line total, quantity and unit price. */
public record FeeDetailInput(String feedetlSn, BigDecimal detItemFeeSumamt, BigDecimal cnt, BigDecimal pric) {}
