package io.insurebridge.console;

import io.insurebridge.mapping.GapResolution;
import io.insurebridge.mapping.GapResolution.GapView;
import io.insurebridge.mapping.HeldMessageReprocessor;
import io.insurebridge.mapping.MappingGap;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.mapping.ReprocessOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Unmapped local codes, whether the version in force maps them now, and reprocessing of the held messages. */
@RestController
@RequestMapping("/api/mapping-gaps")
public class MappingGapController {
    private final MappingGapStore store;
    private final MappingSource mappings;
    private final ObjectProvider<HeldMessageReprocessor> reprocessor;

    public MappingGapController(MappingGapStore store, MappingSource mappings,
                                ObjectProvider<HeldMessageReprocessor> reprocessor) {
        this.store = store;
        this.mappings = mappings;
        this.reprocessor = reprocessor;
    }

    /** Optional filters: institution, kind (ITEM/DIAGNOSIS), resolved (true/false). */
    @GetMapping
    public List<GapView> list(@RequestParam(required = false) String institution,
                              @RequestParam(required = false) String kind,
                              @RequestParam(required = false) Boolean resolved) {
        MappingSnapshot snapshot = mappings.current();
        return store.list().stream()
                .filter(g -> institution == null || institution.equals(g.institutionCode()))
                .filter(g -> kind == null || kind.equalsIgnoreCase(g.kind().name()))
                .map(g -> GapResolution.view(g, snapshot))
                .filter(v -> resolved == null || resolved == v.resolved())
                .toList();
    }

    /** Result of reprocessing every message a gap holds. */
    public record ReprocessReport(long gapId, boolean resolved, List<ReprocessOutcome> outcomes,
                                  List<Long> stillHeld) {}

    @PostMapping("/{id}/reprocess")
    public ResponseEntity<?> reprocess(@PathVariable long id) {
        Optional<MappingGap> gap = store.find(id);
        if (gap.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem("no mapping gap " + id));
        }
        HeldMessageReprocessor target = reprocessor.getIfAvailable();
        if (target == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(new Problem("no held-message reprocessor is configured in this node"));
        }
        boolean resolved = GapResolution.mapsTo(gap.get(), mappings.current()).isPresent();
        List<ReprocessOutcome> outcomes = new ArrayList<>();
        for (long messageId : gap.get().heldMessageIds()) {
            ReprocessOutcome outcome;
            try {
                outcome = target.reprocess(messageId);
            } catch (RuntimeException e) {
                outcome = new ReprocessOutcome(messageId, ReprocessOutcome.Status.FAILED, e.getMessage());
            }
            if (outcome.released()) {
                store.release(id, messageId);
            }
            outcomes.add(outcome);
        }
        List<Long> stillHeld = store.find(id).map(MappingGap::heldMessageIds).orElse(List.of());
        return ResponseEntity.ok(new ReprocessReport(id, resolved, outcomes, stillHeld));
    }

    public record Problem(String error) {}
}
