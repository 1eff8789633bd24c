package io.insurebridge.crossregion;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Health component "crossRegion": per peer the link state (UP after a delivery to its broker succeeded, DOWN while
 * deliveries fail), the backlog on the local store-and-forward queue and the requests still waiting for an answer.
 * A peer that is down does not make this node unhealthy (local settlement goes on): the component stays UP and
 * says which link is down. Metrics: insurebridge.crossregion.backlog, .waiting and .link.up, tagged peer (also for
 * a peer whose connector file is added while the node runs).
 */
@Component("crossRegionHealthIndicator")
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class CrossRegionHealth implements HealthIndicator, MeterBinder {
    private final PeerDirectory peers;
    private final PeerLinks links;
    private final CrossRegionStore store;
    private final CrossRegionProperties properties;
    private final ObjectProvider<EmbeddedActiveMQ> broker;
    private final Set<String> metered = ConcurrentHashMap.newKeySet();
    private volatile MeterRegistry registry;

    public CrossRegionHealth(PeerDirectory peers, PeerLinks links, CrossRegionStore store,
                             CrossRegionProperties properties, ObjectProvider<EmbeddedActiveMQ> broker) {
        this.peers = peers;
        this.links = links;
        this.store = store;
        this.properties = properties;
        this.broker = broker;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        for (PeerNode peer : peers.all()) {
            meter(peer.admdvs());
            PeerLinks.Link link = links.get(peer.admdvs());
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("link", link.state().name());
            d.put("broker", peer.broker());
            d.put("backlog", backlog(peer.admdvs()));
            d.put("waitingForAnswer", store.waiting(peer.admdvs()));
            d.put("delivered", link.delivered());
            d.put("failedAttempts", link.failures());
            if (link.lastDelivered() != null) {
                d.put("lastDelivered", link.lastDelivered().toString());
            }
            if (link.lastHeard() != null) {
                d.put("lastHeardFrom", link.lastHeard().toString());
            }
            if (link.state() == PeerLinks.State.DOWN && link.lastError() != null) {
                d.put("lastError", link.lastError());
            }
            details.put(peer.admdvs(), d);
        }
        return Health.up().withDetail("peers", details).build();
    }

    /** Messages on the local store-and-forward queue to the peer (-1 when the broker is not embedded). */
    public long backlog(String admdvs) {
        EmbeddedActiveMQ embedded = broker.getIfAvailable();
        if (embedded == null || embedded.getActiveMQServer() == null) {
            return -1;
        }
        Queue queue = embedded.getActiveMQServer().locateQueue(SimpleString.of(properties.queueTo(admdvs)));
        return queue == null ? 0 : queue.getMessageCount();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        peers.all().forEach(p -> meter(p.admdvs()));
    }

    /**
     * Registers the gauges of a peer once: the peers of the connector files at start, and a peer whose file is
     * added later (connector reload: called when its route is wired, and by the health check). A removed peer's
     * gauges stay until restart (its backlog still counts what is left on its queue).
     */
    void meter(String admdvs) {
        MeterRegistry r = registry;
        if (r == null || admdvs == null || !metered.add(admdvs)) {
            return;
        }
        Gauge.builder("insurebridge.crossregion.backlog", this, h -> h.backlog(admdvs))
                .description("messages waiting on the local queue to the peer node").tag("peer", admdvs)
                .register(r);
        Gauge.builder("insurebridge.crossregion.waiting", store, s -> s.waiting(admdvs))
                .description("requests waiting for the peer node's answer").tag("peer", admdvs)
                .register(r);
        Gauge.builder("insurebridge.crossregion.link.up", links,
                        l -> l.get(admdvs).state() == PeerLinks.State.UP ? 1 : 0)
                .description("1 when the last delivery to the peer's broker succeeded").tag("peer", admdvs)
                .register(r);
    }
}
