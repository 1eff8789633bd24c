package io.insurebridge.inbound.connector;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-connector counters for GET /api/connectors: messages received, accepted, rejected (AE/AR), delivered
 * (senders), errors and the last error. Kept by name, so a replaced connector keeps its history.
 */
@Component
public class ConnectorCounters {

    public record Snapshot(long received, long accepted, long rejected, long delivered, long errors,
                           String lastError, Instant lastErrorAt) {}

    private static final class Counter {
        final AtomicLong received = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        volatile String lastError;
        volatile Instant lastErrorAt;
    }

    private final Map<String, Counter> byName = new ConcurrentHashMap<>();

    public void received(String connector) { counter(connector).received.incrementAndGet(); }

    public void accepted(String connector) { counter(connector).accepted.incrementAndGet(); }

    public void delivered(String connector) { counter(connector).delivered.incrementAndGet(); }

    /** A message the connector refused or that the counterpart refused (AE/AR, HTTP 4xx). */
    public void rejected(String connector, String why) {
        Counter c = counter(connector);
        c.rejected.incrementAndGet();
        c.lastError = why;
        c.lastErrorAt = Instant.now();
    }

    /** A failure that is not the message's fault (timeout, connection refused, 5xx); may be retried. */
    public void error(String connector, String why) {
        Counter c = counter(connector);
        c.errors.incrementAndGet();
        c.lastError = why;
        c.lastErrorAt = Instant.now();
    }

    public Snapshot snapshot(String connector) {
        Counter c = counter(connector);
        return new Snapshot(c.received.get(), c.accepted.get(), c.rejected.get(), c.delivered.get(), c.errors.get(),
                c.lastError, c.lastErrorAt);
    }

    private Counter counter(String connector) {
        return byName.computeIfAbsent(connector == null ? "?" : connector, n -> new Counter());
    }
}
