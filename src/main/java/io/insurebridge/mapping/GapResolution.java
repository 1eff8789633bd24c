package io.insurebridge.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Decides, against a mapping snapshot, whether a recorded gap's code maps now. Resolution is computed, not
 * stored, so the listing is right the moment a reload swaps in the crosswalk row that was missing.
 */
@Component
public class GapResolution {
    private static final Logger log = LoggerFactory.getLogger(GapResolution.class);

    /** A gap with its state under the mapping version in force. */
    public record GapView(long id, String institutionCode, UnmappedCode.Kind kind, String localCode,
                          long occurrences, Instant firstSeen, Instant lastSeen, List<Long> heldMessageIds,
                          boolean resolved, String mapsTo) {}

    public GapResolution(ObjectProvider<MappingRepository> repository, ObjectProvider<MappingGapStore> store) {
        // after a reload, say how many open gaps the new version closes, so an operator knows to reprocess
        repository.ifAvailable(r -> r.onReload(snapshot -> store.ifAvailable(s -> logResolved(s, snapshot))));
    }

    public static Optional<String> mapsTo(MappingGap gap, MappingSnapshot snapshot) {
        return switch (gap.kind()) {
            case ITEM -> snapshot.resolveItem(gap.institutionCode(), gap.localCode()).map(CatalogItem::code);
            case DIAGNOSIS -> snapshot.resolveDiagnosis(gap.localCode()).map(DiagnosisCode::code);
        };
    }

    public static GapView view(MappingGap gap, MappingSnapshot snapshot) {
        Optional<String> target = mapsTo(gap, snapshot);
        return new GapView(gap.id(), gap.institutionCode(), gap.kind(), gap.localCode(), gap.occurrences(),
                gap.firstSeen(), gap.lastSeen(), gap.heldMessageIds(), target.isPresent(), target.orElse(null));
    }

    private static void logResolved(MappingGapStore store, MappingSnapshot snapshot) {
        try {
            long resolved = store.list().stream()
                    .filter(g -> !g.heldMessageIds().isEmpty() && mapsTo(g, snapshot).isPresent()).count();
            if (resolved > 0) {
                log.info("Mapping version {} resolves {} gap(s) with held messages; reprocess them via "
                        + "POST /api/mapping-gaps/{{id}}/reprocess", snapshot.checksum(), resolved);
            }
        } catch (RuntimeException e) {
            log.debug("Could not check mapping gaps after reload", e);
        }
    }
}
