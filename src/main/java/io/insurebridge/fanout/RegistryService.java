package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.settlement.NodeJson;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Status changes of institutions, Internet+ agreements, pharmacies and doctors. Suspending or terminating a
 * physical institution suspends / terminates its Internet+ agreement in the same transaction; restoring the
 * institution restores an Internet+ agreement only when that one followed it. Each change is a registry event.
 */
@Service
public class RegistryService {
    private final RegistryStore store;
    private final MappingSource mappings;
    private final Outbox outbox;

    public RegistryService(RegistryStore store, MappingSource mappings, Outbox outbox) {
        this.store = store;
        this.mappings = mappings;
        this.outbox = outbox;
    }

    @Transactional
    public List<RegistryStatus> change(RegistryKind kind, String code, String action, String reason, String operator) {
        String status = switch (action) {
            case "suspend" -> RegistryStatus.SUSPENDED;
            case "terminate" -> RegistryStatus.TERMINATED;
            case "restore" -> RegistryStatus.ACTIVE;
            default -> throw new BadRequest("action must be suspend, terminate or restore, not '" + action + "'");
        };
        requireKnown(kind, code);
        OffsetDateTime now = OffsetDateTime.now();
        List<RegistryStatus> changes = new ArrayList<>();
        changes.add(new RegistryStatus(kind, code, status, reason, operator, false, now));
        if (kind == RegistryKind.INSTITUTION) {
            Optional<RegistryStatus> internet = store.current(RegistryKind.INTERNET_AGREEMENT, code);
            boolean ownDecision = internet.isPresent() && !internet.get().cascaded() && internet.get().blocks();
            if (!RegistryStatus.ACTIVE.equals(status) && !ownDecision) {
                changes.add(new RegistryStatus(RegistryKind.INTERNET_AGREEMENT, code, status,
                        "follows institution: " + reason, operator, true, now));
            } else if (RegistryStatus.ACTIVE.equals(status) && internet.isPresent() && internet.get().cascaded()) {
                changes.add(new RegistryStatus(RegistryKind.INTERNET_AGREEMENT, code, status,
                        "follows institution: " + reason, operator, true, now));
            }
        }
        for (RegistryStatus change : changes) {
            store.change(change);
            outbox.add("registry-" + UUID.randomUUID(), EventType.REGISTRY, event(change));
        }
        return changes;
    }

    @Transactional
    public RegistryStore.Deduction deduct(String doctor, int points, String reason, String operator) {
        requireKnown(RegistryKind.DOCTOR, doctor);
        if (points <= 0) {
            throw new BadRequest("points must be a positive number");
        }
        OffsetDateTime now = OffsetDateTime.now();
        store.deduct(doctor, points, reason, operator, now);
        ObjectNode event = NodeJson.object();
        event.put("event_type", EventType.REGISTRY).put("entity", "doctor").put("code", doctor)
                .put("action", "deduct-points").put("points", points).put("reason", reason)
                .put("operator", operator).put("occurred_at", now.toString());
        String id = "registry-" + UUID.randomUUID();
        event.put("event_id", id);
        outbox.add(id, EventType.REGISTRY, NodeJson.write(event));
        return new RegistryStore.Deduction(points, reason, operator, now);
    }

    /** Points a doctor has left: the mappings' points minus the recorded deductions (null for an unknown doctor). */
    public Integer pointsLeft(String doctor) {
        return mappings.current().doctor(doctor).map(d -> d.pointsLeft() - store.deductedPoints(doctor)).orElse(null);
    }

    public void requireKnown(RegistryKind kind, String code) {
        MappingSnapshot m = mappings.current();
        boolean known = switch (kind) {
            case INSTITUTION, INTERNET_AGREEMENT -> m.institution(code).isPresent();
            case PHARMACY -> m.pharmacy(code).isPresent();
            case DOCTOR -> m.doctor(code).isPresent();
        };
        if (!known) {
            throw new NotFound(kind.path() + ": no " + code + " in the mappings");
        }
    }

    private static String event(RegistryStatus s) {
        ObjectNode event = NodeJson.object();
        event.put("event_type", EventType.REGISTRY).put("entity", s.kind().path()).put("code", s.code())
                .put("status", s.status()).put("reason", s.reason()).put("operator", s.operator())
                .put("cascaded", s.cascaded()).put("occurred_at", s.changedAt().toString());
        return NodeJson.write(event);
    }
}
