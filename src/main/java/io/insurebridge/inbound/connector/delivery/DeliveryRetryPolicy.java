package io.insurebridge.inbound.connector.delivery;

import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.Predicate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * retryWhile of the senders' dead letter channel: a refusal by the counterpart (AE/AR, HTTP 4xx) goes to the
 * dead letters at once; anything else (timeout, connection refused, 5xx) is retried up to the connector's
 * max-retries, with the template's back-off.
 */
@Component("connectorRetryWhile")
public class DeliveryRetryPolicy implements Predicate {

    private final ConnectorRegistry registry;

    public DeliveryRetryPolicy(ConnectorRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean matches(Exchange exchange) {
        Throwable e = exchange.getException();
        if (e == null) {
            e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        }
        if (refusal(e)) {
            return false;
        }
        int attempt = exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class);
        String name = exchange.getProperty(DeliveryProperties.CONNECTOR, String.class);
        long max = registry.get(name).number("max-retries", 5);
        return attempt <= max;
    }

    static boolean refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CounterpartRejectedException) {
                return true;
            }
            if (t instanceof HttpOperationFailedException h && h.getStatusCode() >= 400 && h.getStatusCode() < 500
                    && h.getStatusCode() != 408 && h.getStatusCode() != 429) {
                return true;
            }
        }
        return false;
    }
}
