package io.insurebridge.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.concurrent.atomic.LongAdder;

/**
 * Latencies and errors of one kind of request (e.g. "path 1 A04"), recorded from many threads at once.
 * Values are recorded in microseconds (1 us to 60 s, 3 significant digits) and reported in milliseconds.
 */
public final class LatencyStats {

    static final long MAX_MICROS = 60_000_000L;

    private final String label;
    private final Recorder recorder = new Recorder(1, MAX_MICROS, 3);
    private final Histogram total = new Histogram(1, MAX_MICROS, 3);
    private final LongAdder errors = new LongAdder();
    private volatile String firstError;

    public LatencyStats(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public void recordNanos(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(MAX_MICROS, nanos / 1_000)));
    }

    public void recordMicros(long micros) {
        recorder.recordValue(Math.max(1, Math.min(MAX_MICROS, micros)));
    }

    public void error(String what) {
        errors.increment();
        if (firstError == null) {
            firstError = what;
        }
    }

    /** The histogram of everything recorded so far (the recorder's intervals are folded into one total). */
    public synchronized Histogram snapshot() {
        total.add(recorder.getIntervalHistogram());
        return total.copy();
    }

    public long errors() {
        return errors.sum();
    }

    public String firstError() {
        return firstError;
    }

    public Summary summary(double seconds) {
        Histogram h = snapshot();
        return new Summary(label, h.getTotalCount(), errors(), seconds, millis(h.getValueAtPercentile(50)),
                millis(h.getValueAtPercentile(95)), millis(h.getValueAtPercentile(99)), millis(h.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }

    /** What one table row shows: successful requests per second and their latency percentiles in ms. */
    public record Summary(String label, long count, long errors, double seconds, double p50Ms, double p95Ms,
                          double p99Ms, double maxMs) {
        public double perSecond() {
            return seconds <= 0 ? 0 : count / seconds;
        }
    }
}
