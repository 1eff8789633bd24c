package io.insurebridge.security.audit;

import java.time.OffsetDateTime;

/**
 * One privileged action: who did what to which target, why, with what outcome, from where.
 *
 * @param outcome    OK (2xx/3xx), REFUSED (4xx: the product said no, e.g. already re-driven), DENIED (the user's
 *                   role may not), FAILED (5xx or an exception)
 * @param httpStatus the status the caller got
 */
public record AuditEntry(long id, OffsetDateTime at, String user, String roles, String action, String target,
                         String reason, String outcome, Integer httpStatus, String method, String path,
                         String remoteAddress) {

    public static final String OK = "OK";
    public static final String REFUSED = "REFUSED";
    public static final String DENIED = "DENIED";
    public static final String FAILED = "FAILED";

    /** The outcome an HTTP status (and an exception that escaped the handler) stands for. */
    public static String outcome(int status, boolean exception) {
        if (exception || status >= 500) {
            return FAILED;
        }
        if (status == 401 || status == 403) {
            return DENIED;
        }
        return status >= 400 ? REFUSED : OK;
    }
}
