package io.insurebridge.fanout;

/** Who did an API action: the X-Operator header (authentication comes later); required for every change. */
final class Operators {
    static final String HEADER = "X-Operator";

    private Operators() {}

    static String require(String operator) {
        if (operator == null || operator.isBlank()) {
            throw new BadRequest("header " + HEADER + " (who does this) is required");
        }
        return operator.trim();
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequest("a reason is required");
        }
        return reason.trim();
    }
}
