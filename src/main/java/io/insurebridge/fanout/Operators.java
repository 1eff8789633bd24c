package io.insurebridge.fanout;

import java.security.Principal;

/** Who did an API action: the signed-in user (Spring Security); every change needs a reason too. */
final class Operators {

    private Operators() {}

    static String of(Principal operator) {
        if (operator == null || operator.getName() == null || operator.getName().isBlank()) {
            throw new BadRequest("a signed-in user is required for this change");
        }
        return operator.getName();
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequest("a reason is required");
        }
        return reason.trim();
    }
}
