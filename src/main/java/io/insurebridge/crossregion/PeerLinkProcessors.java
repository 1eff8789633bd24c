package io.insurebridge.crossregion;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Processors of the peer-node route template that keep {@link PeerLinks} current. */
@Configuration
@org.springframework.boot.context.properties.EnableConfigurationProperties(CrossRegionProperties.class)
public class PeerLinkProcessors {
    static final String PEER = "insurebridgePeer";

    @Bean("crossregionLinkUp")
    Processor crossregionLinkUp(PeerLinks links) {
        return exchange -> links.delivered(exchange.getProperty(PEER, String.class));
    }

    /** Called for every failed attempt (the message stays and is tried again). */
    @Bean("crossregionLinkDown")
    Processor crossregionLinkDown(PeerLinks links) {
        return exchange -> links.failed(exchange.getProperty(PEER, String.class),
                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) != null
                        ? exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class) : exchange.getException());
    }
}
