package io.insurebridge.console.metrics;

import io.insurebridge.config.logging.Correlation;
import io.insurebridge.inbound.hl7.QueueSender;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Puts the stored message's id (the correlation id of its journey) into the logging MDC on every route that carries
 * it (header InsureBridgeMessageId: processing, circulation, dead letters), so every log line of the journey names it.
 */
@Component
public class CorrelationRoutePolicy implements RoutePolicyFactory {

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                Object id = exchange.getIn().getHeader(QueueSender.HEADER_MESSAGE_ID);
                if (id != null) {
                    Correlation.message(id);
                }
            }

            @Override
            public void onExchangeDone(Route r, Exchange exchange) {
                if (exchange.getIn().getHeader(QueueSender.HEADER_MESSAGE_ID) != null) {
                    Correlation.clear();
                }
            }
        };
    }
}
