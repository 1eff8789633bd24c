package io.insurebridge.fanout;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes committed outbox events to the topic in order (route fanout-outbox-relay, routes/fanout.yaml). Each
 * send carries the event id as Artemis duplicate id, so a relay crash between send and mark publishes nothing twice.
 * With several instances on one database only the instance holding the cluster-wide relay lock (a Hazelcast map
 * lock, released when its member leaves) publishes: each broker keeps its own duplicate-id cache, so two instances
 * relaying the same rows would publish them twice.
 */
@Component("outboxRelay")
public class OutboxRelay {
    static final String PUBLISH_ENDPOINT = "direct:fanout-publish";

    static final String LOCKS = "insurebridge-cluster-locks";
    static final String RELAY_LOCK = "fanout-outbox-relay";

    private final Outbox outbox;
    private final ProducerTemplate producer;
    private final FanoutProperties properties;
    private final HazelcastInstance hazelcast;
    /** Not before every subscriber (agency routes are added at Camel start) has its durable subscription. */
    private final AtomicBoolean ready = new AtomicBoolean();

    public OutboxRelay(Outbox outbox, ProducerTemplate producer, FanoutProperties properties,
                       HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.outbox = outbox;
        this.producer = producer;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        ready.set(true);
    }

    /** Publishes one batch; returns how many events went out (0 while another instance relays). */
    public synchronized int relay() {
        if (!ready.get()) {
            return 0;
        }
        IMap<String, String> locks = hazelcast.getMap(LOCKS);
        if (!locks.tryLock(RELAY_LOCK)) {
            return 0;
        }
        try {
            return publishBatch();
        } finally {
            locks.unlock(RELAY_LOCK);
        }
    }

    private int publishBatch() {
        int sent = 0;
        for (Outbox.Pending event : outbox.pending(properties.relayBatch())) {
            producer.sendBodyAndHeaders(PUBLISH_ENDPOINT, event.payload(), Map.of(
                    "eventType", event.eventType(), "eventId", event.eventId(), "_AMQ_DUPL_ID", event.eventId()));
            outbox.markPublished(event.id());
            sent++;
        }
        return sent;
    }
}
