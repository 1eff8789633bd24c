package io.insurebridge.crossregion;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The consumer of this node's cross-region inbound queue (requests and answers from peers). The way out to each
 * peer is the peer-node connector's route (routes/crossregion-peer.yaml).
 */
@Component
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class CrossRegionRoutes extends RouteBuilder {
    private final CrossRegionInbound inbound;
    private final CrossRegionProperties properties;

    public CrossRegionRoutes(CrossRegionInbound inbound, CrossRegionProperties properties) {
        this.inbound = inbound;
        this.properties = properties;
    }

    @Override
    public void configure() {
        // transacted: a message whose handling fails goes back to the queue (broker redelivery with back-off)
        from("jms:queue:" + properties.inboundQueue() + "?transacted=true&concurrentConsumers="
                + properties.concurrentConsumers())
                .routeId("crossregion-inbound")
                .process(exchange -> {
                    var m = exchange.getMessage();
                    inbound.receive(m.getHeader(CrossRegionTransport.TYPE, String.class),
                            m.getHeader(CrossRegionTransport.ID, String.class),
                            m.getHeader(CrossRegionTransport.FROM, String.class), m.getBody(String.class));
                });
    }
}
