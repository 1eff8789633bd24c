package io.insurebridge.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The benchmark's numbers are only as good as its statistics: percentiles and counts on known data. */
class LoadStatisticsTest {

    @Test
    void percentilesOfOneToThousandMillis() {
        LatencyStats stats = new LatencyStats("known");
        for (int ms = 1000; ms >= 1; ms--) {          // order must not matter
            stats.recordNanos(ms * 1_000_000L);
        }
        LatencyStats.Summary s = stats.summary(2.0);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.perSecond()).isEqualTo(500.0);
        // HdrHistogram keeps 3 significant digits: values are exact to 0.1 %
        assertThat(s.p50Ms()).isCloseTo(500.0, within(0.5));
        assertThat(s.p95Ms()).isCloseTo(950.0, within(1.0));
        assertThat(s.p99Ms()).isCloseTo(990.0, within(1.0));
        assertThat(s.maxMs()).isCloseTo(1000.0, within(1.0));
    }

    @Test
    void skewedDataTailIsSeen() {
        LatencyStats stats = new LatencyStats("skewed");
        for (int i = 0; i < 980; i++) {
            stats.recordMicros(200);                   // 0.2 ms
        }
        for (int i = 0; i < 20; i++) {
            stats.recordMicros(40_000);                // 40 ms: the slowest 2 %
        }
        stats.error("bad ack");
        stats.error("second");
        LatencyStats.Summary s = stats.summary(1.0);
        assertThat(s.p50Ms()).isCloseTo(0.2, within(0.001));
        assertThat(s.p95Ms()).isCloseTo(0.2, within(0.001));
        assertThat(s.p99Ms()).isCloseTo(40.0, within(0.05));
        assertThat(s.errors()).isEqualTo(2);
        assertThat(stats.firstError()).isEqualTo("bad ack");
    }

    @Test
    void snapshotsAccumulateAcrossCalls() {
        LatencyStats stats = new LatencyStats("twice");
        stats.recordMicros(1_000);
        assertThat(stats.snapshot().getTotalCount()).isEqualTo(1);
        stats.recordMicros(3_000);
        assertThat(stats.snapshot().getTotalCount()).isEqualTo(2);
        assertThat(stats.summary(1).maxMs()).isCloseTo(3.0, within(0.01));
    }

    @Test
    void generatorRunsExactlyTheIterationsOnTheGivenWorkers() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        LatencyStats errors = new LatencyStats("errors");
        LoadGenerator.Result r = new LoadGenerator(4, 1_000, Duration.ofMinutes(1)).run(worker -> {
            opened.incrementAndGet();
            return new LoadGenerator.Session() {
                @Override
                public void iterate(long n) {
                    if (n == 500) {
                        throw new IllegalStateException("broken connection");
                    }
                    seen.add(n);
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                }
            };
        }, errors);
        assertThat(r.iterations()).isEqualTo(999);
        assertThat(r.workerFailures()).isEqualTo(1);
        assertThat(seen).hasSize(999).doesNotContain(500L);
        // 4 workers, plus one reconnect after the failure if that worker got another iteration
        assertThat(opened.get()).isBetween(4, 5);
        assertThat(closed.get()).isEqualTo(opened.get());
        assertThat(errors.errors()).isEqualTo(1);
        assertThat(r.seconds()).isPositive();
        assertThat(r.cpuSeconds()).isNotNaN();
    }

    @Test
    void durationEndsTheRunBeforeTheCount() throws Exception {
        LoadGenerator.Result r = new LoadGenerator(2, Long.MAX_VALUE, Duration.ofMillis(200)).run(
                worker -> n -> Thread.onSpinWait(), new LatencyStats("e"));
        assertThat(r.seconds()).isBetween(0.1, 5.0);   // ended by the clock, not by the unreachable count
        assertThat(r.iterations()).isPositive();
    }
}
