package io.insurebridge.settlement.policy;

import java.math.BigDecimal;
import java.util.List;

/** The computed visit: the amounts of setlinfo, the setldetail rows, and what it adds to the person's year. */
public record VisitSettlement(BigDecimal medfeeSumamt, BigDecimal fulamtOwnpayAmt, BigDecimal overlmtSelfpay,
                              BigDecimal preselfpayAmt, BigDecimal inscpScpAmt, BigDecimal actPayDedc,
                              BigDecimal hifpPay, BigDecimal poolPropSelfpay, BigDecimal hifmiPay, BigDecimal mafPay,
                              BigDecimal fundPaySumamt, BigDecimal psnPartAmt, BigDecimal acctPay,
                              BigDecimal psnCashPay, BigDecimal balc, List<FundPayment> details,
                              AccumulatorDelta delta, String warning) {}
