package io.insurebridge.settlement.policy;

import java.math.BigDecimal;

/** A classified fee item: one row of 2204 result[] (wire names in {@link #toWire}). */
public record ItemClassification(String feedetlSn, String medListCodg, BigDecimal detItemFeeSumamt, BigDecimal cnt,
                                 BigDecimal pric, BigDecimal pricUplmtAmt, BigDecimal selfpayProp,
                                 BigDecimal fulamtOwnpayAmt, BigDecimal overlmtAmt, BigDecimal preselfpayAmt,
                                 BigDecimal inscpScpAmt, String chrgitmLv, String medChrgitmType, String memo) {}
