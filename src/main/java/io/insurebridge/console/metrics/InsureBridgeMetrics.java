package io.insurebridge.console.metrics;

import io.insurebridge.console.web.QueueDepths;
import io.insurebridge.inbound.connector.ConnectorCounters;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;

/**
 * The product's own series at /actuator/prometheus: per-connector message counters (insurebridge_connector_messages_total
 * by outcome), queue depths, dead-letter depths and age of the oldest waiting message per queue. Connectors added by a
 * hot reload get their counters on the next refresh.
 */
@Component
public class InsureBridgeMetrics implements MeterBinder {

    private static final Map<String, ToLongFunction<ConnectorCounters.Snapshot>> OUTCOMES = Map.of(
            "received", ConnectorCounters.Snapshot::received,
            "accepted", ConnectorCounters.Snapshot::accepted,
            "rejected", ConnectorCounters.Snapshot::rejected,
            "delivered", ConnectorCounters.Snapshot::delivered,
            "errors", ConnectorCounters.Snapshot::errors);

    private final ConnectorCounters counters;
    private final ConnectorRegistry connectors;
    private final QueueDepths queues;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    public InsureBridgeMetrics(ConnectorCounters counters, ConnectorRegistry connectors, QueueDepths queues) {
        this.counters = counters;
        this.connectors = connectors;
        this.queues = queues;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        for (String q : queues.queues()) {
            Gauge.builder("insurebridge.queue.depth", queues, d -> d.depth(q)).tag("queue", q)
                    .description("messages waiting on the queue").register(registry);
            Gauge.builder("insurebridge.queue.dead.depth", queues,
                            d -> d.depth(io.insurebridge.store.deadletter.DeadLetterQueues.of(q)))
                    .tag("queue", q).description("messages on the queue's dead-letter queue").register(registry);
            Gauge.builder("insurebridge.queue.oldest.age", queues, d -> {
                        Long ms = d.oldestWaitingMs(q);
                        return ms == null ? 0 : ms / 1000.0;
                    }).tag("queue", q).baseUnit("seconds").description("age of the oldest waiting message")
                    .register(registry);
        }
        refreshConnectors();
    }

    @Scheduled(fixedDelayString = "${insurebridge.console.metrics-refresh:15s}")
    public void refreshConnectors() {
        MeterRegistry r = registry;
        if (r == null) {
            return;
        }
        for (ConnectorDefinition c : connectors.all()) {
            if (bound.add(c.name())) {
                OUTCOMES.forEach((outcome, f) -> FunctionCounter.builder("insurebridge.connector.messages", counters,
                                cs -> f.applyAsLong(cs.snapshot(c.name())))
                        .tags(Tags.of("connector", c.name(), "kind", c.kind(), "outcome", outcome))
                        .description("messages of the connector by outcome").register(r));
            }
        }
    }
}
