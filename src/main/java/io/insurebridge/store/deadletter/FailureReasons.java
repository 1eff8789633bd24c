package io.insurebridge.store.deadletter;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the last error of each JMS message whose processing failed (keyed by JMSMessageID, bounded), so a
 * dead letter can say why it died and not only that it ran out of attempts.
 */
@Component
public class FailureReasons extends EventNotifierSupport {

    private static final int MAX_ENTRIES = 2_000;
    private final Map<String, String> reasons = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_ENTRIES;
        }
    });

    public FailureReasons() {
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeFailedEvent) event).getExchange();
        String id = exchange.getIn().getHeader("JMSMessageID", String.class);
        Exception e = exchange.getException();
        if (id != null && e != null) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();   // the bean call's wrapper says little; its cause says why
            }
            reasons.put(id, root.getClass().getSimpleName() + ": " + root.getMessage());
        }
    }

    public Optional<String> lastFailure(String jmsMessageId) {
        return jmsMessageId == null ? Optional.empty() : Optional.ofNullable(reasons.get(jmsMessageId));
    }
}
