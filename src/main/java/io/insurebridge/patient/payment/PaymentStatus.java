package io.insurebridge.patient.payment;

/**
 * An order's life: CREATED (waiting for the patient) -> PAYING -> PAID (fund and cash share both settled) or
 * FAILED (nothing was committed) or REVERSING -> REVERSED (the fund part was committed and undone with 2601);
 * CREATED -> ABANDONED (patient declined) / EXPIRED (not paid in time); PAID -> REFUNDED (2208, cash returned).
 */
public enum PaymentStatus {
    CREATED, PAYING, PAID, FAILED, REVERSING, REVERSED, ABANDONED, EXPIRED, REFUNDED;

    public boolean open() {
        return this == CREATED || this == PAYING || this == REVERSING;
    }
}
