package io.insurebridge.security.audit;

import java.time.OffsetDateTime;

/** Filters of the audit list; null means "any". */
public record AuditQuery(String user, String action, String target, String outcome, OffsetDateTime from,
                         OffsetDateTime to, int limit) {}
