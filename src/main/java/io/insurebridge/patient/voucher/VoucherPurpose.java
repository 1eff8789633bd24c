package io.insurebridge.patient.voucher;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What an e-voucher token lets the holder do. Each purpose names the transactions that check it and the one that
 * uses it up: a token is accepted once per purpose (the consuming transaction), checked without being used up by
 * the others (a pre-settlement changes nothing, so it may look at the token as often as it likes).
 */
public enum VoucherPurpose {
    /** Show the person's insurance (1101) at registration. */
    ELIGIBILITY(Set.of("1101"), "1101"),
    /** Pay a visit (2206 checks, 2207 uses it up). */
    SETTLEMENT(Set.of("2206", "2207"), "2207");

    private final Set<String> checkedBy;
    private final String consumedBy;

    VoucherPurpose(Set<String> checkedBy, String consumedBy) {
        this.checkedBy = checkedBy;
        this.consumedBy = consumedBy;
    }

    public boolean checkedBy(String infno) {
        return checkedBy.contains(infno);
    }

    public boolean consumedBy(String infno) {
        return consumedBy.equals(infno);
    }

    /** The purpose whose transactions include infno (1101 -> ELIGIBILITY, 2206/2207 -> SETTLEMENT). */
    public static Optional<VoucherPurpose> forInfno(String infno) {
        return Arrays.stream(values()).filter(p -> p.checkedBy(infno)).findFirst();
    }

    public static VoucherPurpose parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("purpose '" + value + "' is not one of ELIGIBILITY, SETTLEMENT");
        }
    }
}
