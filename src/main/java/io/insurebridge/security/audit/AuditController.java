package io.insurebridge.security.audit;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The audit trail for auditors: newest first, filtered by user, action (or its prefix), target, outcome, time. */
@RestController
@RequestMapping("/api/audit")
public class AuditController {

    private final AuditTrail trail;

    public AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String user,
                                    @RequestParam(required = false) String action,
                                    @RequestParam(required = false) String target,
                                    @RequestParam(required = false) String outcome,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                                    @RequestParam(defaultValue = "100") int limit) {
        List<AuditEntry> items = trail.search(new AuditQuery(blank(user), blank(action), blank(target),
                blank(outcome) == null ? null : outcome.trim().toUpperCase(), from, to,
                Math.max(1, Math.min(limit, 1000))));
        return Map.of("items", items, "count", items.size());
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
