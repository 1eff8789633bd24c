package io.insurebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.insurebridge.mapping.UnmappedCode.Kind;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MappingGapStoreTest {
    private final GapTestDatabase db = new GapTestDatabase();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T01:00:00Z"));
    private final MappingGapStore store = new MappingGapStore(db.jdbc, clock);

    @AfterEach
    void close() {
        db.shutdown();
    }

    @Test
    void recordsGapsPerInstitutionKindAndCodeWithTheHeldMessages() {
        long m1 = db.message("DFT0001");
        long m2 = db.message("DFT0002");
        UnmappedCode yp9999 = new UnmappedCode(Kind.ITEM, "YP9999", "FT1", 2, 7, "新进药品");
        UnmappedCode diag = new UnmappedCode(Kind.DIAGNOSIS, "X99.999x999", "DG1", 1, 3, "未对照诊断");

        store.record("H33010000001", m1, List.of(yp9999, diag, yp9999));
        clock.now = Instant.parse("2026-01-15T02:30:00Z");
        store.record("H33010000001", m2, List.of(yp9999));
        store.record("H33010000001", m2, List.of(yp9999)); // same message again (reprocessed, still unmapped)
        store.record("H33010000002", m2, List.of(yp9999)); // another hospital's YP9999 is another gap

        List<MappingGap> gaps = store.list();
        assertThat(gaps).extracting(MappingGap::institutionCode, MappingGap::kind, MappingGap::localCode,
                MappingGap::occurrences, MappingGap::heldMessageIds).containsExactlyInAnyOrder(
                tuple("H33010000001", Kind.ITEM, "YP9999", 2L, List.of(m1, m2)),
                tuple("H33010000001", Kind.DIAGNOSIS, "X99.999x999", 1L, List.of(m1)),
                tuple("H33010000002", Kind.ITEM, "YP9999", 1L, List.of(m2)));
        MappingGap item = gaps.stream().filter(g -> g.institutionCode().equals("H33010000001")
                && g.kind() == Kind.ITEM).findFirst().orElseThrow();
        assertThat(item.firstSeen()).isEqualTo(Instant.parse("2026-01-15T01:00:00Z"));
        assertThat(item.lastSeen()).isEqualTo(Instant.parse("2026-01-15T02:30:00Z"));

        store.release(item.id(), m1);
        assertThat(store.find(item.id()).orElseThrow().heldMessageIds()).containsExactly(m2);
        assertThat(store.find(item.id()).orElseThrow().occurrences()).isEqualTo(2L);
    }

    @Test
    void emptyStoreListsNothing() {
        assertThat(store.list()).isEmpty();
        assertThat(store.find(42)).isEmpty();
    }

    static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) { this.now = now; }

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }
}
