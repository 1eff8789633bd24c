package io.insurebridge.patient.payment;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A mobile payment order of one Internet+ visit (patient_payment_order). */
public record PaymentOrder(String orderId, String institutionCode, String visitNo, String mdtrtId, String psnNo,
                           String visitJson, BigDecimal medfeeSumamt, BigDecimal fundPaySumamt, BigDecimal acctPay,
                           BigDecimal cashPay, PaymentStatus status, String settleMsgid, String setlId,
                           String reversalMsgid, String reason, OffsetDateTime createdAt, OffsetDateTime expiresAt,
                           OffsetDateTime updatedAt) {}
