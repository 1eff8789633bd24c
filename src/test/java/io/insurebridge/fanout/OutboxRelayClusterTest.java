package io.insurebridge.fanout;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.insurebridge.support.LoopbackHazelcast;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances on one database, each with its own outbox relay and Hazelcast member (real members joined on
 * loopback): every event is published once, and the relay lock of a member that dies passes to the other.
 */
class OutboxRelayClusterTest {

    private static final int EVENTS = 400;

    private HazelcastInstance memberA;
    private HazelcastInstance memberB;
    private final List<CamelContext> contexts = new ArrayList<>();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private Outbox outbox;

    @BeforeEach
    void twoInstancesOnOneDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:relay-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        outbox = new Outbox(new JdbcTemplate(h2));
        String cluster = "relay-test-" + UUID.randomUUID();
        memberA = Hazelcast.newHazelcastInstance(LoopbackHazelcast.member(cluster, 5931));
        memberB = Hazelcast.newHazelcastInstance(LoopbackHazelcast.member(cluster, 5931));
        await().atMost(Duration.ofSeconds(60)).until(() -> memberA.getCluster().getMembers().size() == 2
                && memberB.getCluster().getMembers().size() == 2);
        for (int i = 0; i < EVENTS; i++) {
            outbox.add("settlement-" + i, EventType.SETTLEMENT, "{\"n\":" + i + "}");
        }
    }

    @AfterEach
    void stop() {
        contexts.forEach(CamelContext::stop);
        memberB.getLifecycleService().terminate();
        memberA.getLifecycleService().terminate();
    }

    /** One instance's relay; its "topic" records what it published. */
    private OutboxRelay relayOn(HazelcastInstance member) throws Exception {
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(OutboxRelay.PUBLISH_ENDPOINT).process(e -> published.add(e.getIn().getHeader("eventId",
                        String.class)));
            }
        });
        camel.start();
        contexts.add(camel);
        OutboxRelay relay = new OutboxRelay(outbox, camel.createProducerTemplate(),
                new FanoutProperties(null, null, 20, null, null, null), member);
        relay.start();
        return relay;
    }

    @Test
    void twoInstancesRelayingAtOncePublishEveryEventOnce() throws Exception {
        List<OutboxRelay> relays = List.of(relayOn(memberA), relayOn(memberB));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Future<Integer>> sent = new ArrayList<>();
        for (OutboxRelay relay : relays) {
            sent.add(threads.submit(() -> {
                int n = 0;
                while (!outbox.pending(1).isEmpty()) {
                    n += relay.relay();
                }
                return n;
            }));
        }
        int total = sent.get(0).get() + sent.get(1).get();
        threads.shutdown();

        assertThat(total).isEqualTo(EVENTS);
        assertThat(published).hasSize(EVENTS);
        assertThat(new HashSet<>(published)).hasSize(EVENTS);
    }

    @Test
    void theLockOfAMemberThatDiesPassesToTheOther() throws Exception {
        OutboxRelay relayB = relayOn(memberB);
        memberA.getMap(OutboxRelay.LOCKS).lock(OutboxRelay.RELAY_LOCK);   // A is relaying
        assertThat(relayB.relay()).isZero();
        assertThat(published).isEmpty();

        memberA.getLifecycleService().terminate();   // ... and dies
        await().atMost(Duration.ofSeconds(60)).until(() -> relayB.relay() > 0);
        while (relayB.relay() > 0) {
            // drain
        }
        assertThat(published).hasSize(EVENTS).doesNotHaveDuplicates();
    }
}
