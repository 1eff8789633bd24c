package io.insurebridge.inbound.connector.delivery;

import io.insurebridge.inbound.connector.ConnectorCounters;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The counting steps of the sender templates: "connectorDelivered" after a successful delivery and
 * "connectorDeliveryFailure" (the dead letter channel's onExceptionOccurred) on every failed attempt.
 */
@Configuration(proxyBeanMethods = false)
public class DeliveryOutcomes {

    @Bean("connectorDelivered")
    public Processor connectorDelivered(ConnectorCounters counters) {
        return exchange -> counters.delivered(exchange.getProperty(DeliveryProperties.CONNECTOR, String.class));
    }

    /** HTTP senders: only our headers travel (never the queue's JMS headers), JSON in the connector's charset. */
    @Bean("outboundHttpHeaders")
    public Processor outboundHttpHeaders(io.insurebridge.inbound.connector.ConnectorRegistry registry) {
        return exchange -> {
            var c = registry.get(exchange.getProperty(DeliveryProperties.CONNECTOR, String.class));
            var message = exchange.getMessage();
            message.removeHeaders("*");
            message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=" + c.charset().name());
            c.map("headers").forEach(message::setHeader);
        };
    }

    @Bean("connectorDeliveryFailure")
    public Processor connectorDeliveryFailure(ConnectorCounters counters) {
        return exchange -> {
            String name = exchange.getProperty(DeliveryProperties.CONNECTOR, String.class);
            Throwable e = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            String why = e == null ? "unknown failure" : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (DeliveryRetryPolicy.refusal(e)) {
                counters.rejected(name, why);
            } else {
                counters.error(name, why);
            }
        };
    }
}
