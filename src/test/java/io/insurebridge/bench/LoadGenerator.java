package io.insurebridge.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code concurrency} workers, each with its own kept-open connection, run iterations back to
 * back until {@code iterations} were started or {@code duration} has passed, whichever comes first. One iteration
 * is whatever the scenario does (one message, or a registration then a settlement); the scenario records its own
 * latencies. The generator measures its own CPU time so a run can show it was not the bottleneck.
 */
public final class LoadGenerator {

    /** One worker's conversation with the server: open once, then iterations on the same connection. */
    public interface Session extends AutoCloseable {
        /** Runs iteration number {@code n} (global, 0-based); records latency / errors itself. */
        void iterate(long n) throws Exception;

        @Override
        default void close() throws Exception {}
    }

    public interface SessionFactory {
        Session open(int worker) throws Exception;
    }

    public record Result(long iterations, double seconds, double cpuSeconds, long workerFailures) {
        /** The generator's CPU use as a share of one core (1.0 = one core busy all the time). */
        public double cores() {
            return seconds <= 0 ? 0 : cpuSeconds / seconds;
        }
    }

    private final int concurrency;
    private final long iterations;
    private final Duration duration;

    public LoadGenerator(int concurrency, long iterations, Duration duration) {
        if (concurrency < 1 || iterations < 1) {
            throw new IllegalArgumentException("concurrency and iterations must be >= 1");
        }
        this.concurrency = concurrency;
        this.iterations = iterations;
        this.duration = duration;
    }

    public Result run(SessionFactory sessions, LatencyStats connectErrors) throws InterruptedException {
        AtomicLong next = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread t = new Thread(() -> {
                Session session = null;
                try {
                    session = sessions.open(worker);   // connections are opened up front, as a HIS keeps them
                    long n;
                    while (System.nanoTime() < deadline && (n = next.getAndIncrement()) < iterations) {
                        if (session == null) {
                            session = sessions.open(worker);
                        }
                        try {
                            session.iterate(n);
                            done.incrementAndGet();
                        } catch (Exception e) {
                            // a broken connection: count it, open a new one, go on (as a HIS would)
                            failures.incrementAndGet();
                            connectErrors.error("worker " + worker + ": " + e);
                            closeQuietly(session);
                            session = null;
                        }
                    }
                } catch (Exception e) {
                    failures.incrementAndGet();
                    connectErrors.error("worker " + worker + " could not connect: " + e);
                } finally {
                    closeQuietly(session);
                }
            }, "load-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(done.get(), seconds, processCpuSeconds() - cpuBefore, failures.get());
    }

    private static void closeQuietly(Session session) {
        if (session != null) {
            try {
                session.close();
            } catch (Exception ignored) {
                // closing a broken connection
            }
        }
    }

    static double processCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
