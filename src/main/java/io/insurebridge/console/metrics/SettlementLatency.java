package io.insurebridge.console.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Histogram of the time one inbound message takes from its queue to its final answer (national transactions
 * included): insurebridge_settlement_latency_seconds, tagged with the processing route (hl7-charges = settlements,
 * hl7-registration = registrations) and the outcome.
 */
@Component
public class SettlementLatency extends EventNotifierSupport {

    private final MeterRegistry registry;
    private final Set<String> routes;

    public SettlementLatency(MeterRegistry registry,
                             @Value("${insurebridge.console.latency-routes:hl7-charges,hl7-registration}") Set<String> routes) {
        this.registry = registry;
        this.routes = routes;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        String route = exchange.getFromRouteId();
        if (route == null || !routes.contains(route)) {
            return;
        }
        long elapsed = exchange.getClock().elapsed();
        Timer.builder("insurebridge.settlement.latency")
                .description("queue to final answer of an inbound message, national transactions included")
                .tag("route", route)
                .tag("outcome", event instanceof CamelEvent.ExchangeFailedEvent ? "failed" : "completed")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(elapsed, TimeUnit.MILLISECONDS);
    }
}
