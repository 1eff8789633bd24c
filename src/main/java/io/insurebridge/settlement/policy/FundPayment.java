package io.insurebridge.settlement.policy;

import java.math.BigDecimal;

/** One setldetail[] row: a fund that paid more than 0 for this visit. */
public record FundPayment(String fundPayType, String fundPayTypeName, BigDecimal inscpScpAmt, BigDecimal fundPayamt) {}
