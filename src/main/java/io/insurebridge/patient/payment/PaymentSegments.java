package io.insurebridge.patient.payment;

import io.insurebridge.inbound.hl7.ResultSegments;

import java.math.BigDecimal;

/** ZPY: the visit's mobile payment order in an ACK (layout: docs/hl7-conventions.md, "Mobile payment"). */
public final class PaymentSegments {
    private PaymentSegments() {}

    public static String zpy(PaymentOrder o, String payUrl) {
        return String.join("|", "ZPY", e(o.orderId()), e(o.status().name()), money(o.medfeeSumamt()),
                money(o.fundPaySumamt()), money(o.acctPay()), money(o.cashPay()), e(payUrl), e(o.setlId()),
                e(o.expiresAt() == null ? null : o.expiresAt().toString()), e(o.reason()));
    }

    private static String e(String v) {
        return v == null ? "" : ResultSegments.escape(v);
    }

    private static String money(BigDecimal v) {
        return v == null ? "" : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
