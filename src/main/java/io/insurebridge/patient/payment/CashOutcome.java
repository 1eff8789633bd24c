package io.insurebridge.patient.payment;

/** What the (simulated) wallet did with the cash share: paid, declined, or no answer in time. */
public enum CashOutcome {
    SUCCESS, FAIL, TIMEOUT;

    public static CashOutcome parse(String value) {
        if (value == null || value.isBlank()) {
            return SUCCESS;
        }
        try {
            return valueOf(value.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            return SUCCESS;
        }
    }
}
