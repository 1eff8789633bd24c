package io.insurebridge.fanout;

import java.time.OffsetDateTime;

/**
 * A run-time status change over the mappings' registry. ACTIVE means "as in the mappings" again.
 *
 * @param cascaded true when the change followed from the physical institution's change
 */
public record RegistryStatus(RegistryKind kind, String code, String status, String reason, String operator,
                             boolean cascaded, OffsetDateTime changedAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String TERMINATED = "TERMINATED";

    public boolean blocks() {
        return SUSPENDED.equals(status) || TERMINATED.equals(status);
    }
}
