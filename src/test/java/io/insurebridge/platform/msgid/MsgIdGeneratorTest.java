package io.insurebridge.platform.msgid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hazelcast.core.Hazelcast;
import io.insurebridge.support.LoopbackHazelcast;
import com.hazelcast.core.HazelcastInstance;

/** Two real Hazelcast members in this JVM, joined over tcp-ip on 127.0.0.1, drawing msgids concurrently. */
class MsgIdGeneratorTest {

    private static final String INSTITUTION = "H33010000001";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static HazelcastInstance memberA;
    private static HazelcastInstance memberB;

    @BeforeAll
    static void startCluster() {
        // own cluster name per run: parallel builds on this machine must not join each other
        String clusterName = "msgid-test-" + UUID.randomUUID();
        memberA = Hazelcast.newHazelcastInstance(LoopbackHazelcast.member(clusterName, 5901));
        memberB = Hazelcast.newHazelcastInstance(LoopbackHazelcast.member(clusterName, 5901));
        await().atMost(Duration.ofSeconds(60)).until(() -> memberA.getCluster().getMembers().size() == 2
                && memberB.getCluster().getMembers().size() == 2);
    }

    @AfterAll
    static void stopCluster() {
        memberB.shutdown();
        memberA.shutdown();
    }

    @Test
    void fourThreadsOnTwoMembersNeverShareAMsgid() throws Exception {
        Clock clock = Clock.system(SHANGHAI);
        MsgIdGenerator onA = new MsgIdGenerator(memberA, clock);
        MsgIdGenerator onB = new MsgIdGenerator(memberB, clock);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<List<String>>> batches = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            MsgIdGenerator generator = t % 2 == 0 ? onA : onB;
            batches.add(threads.submit(() -> {
                List<String> ids = new ArrayList<>(5_000);
                for (int i = 0; i < 5_000; i++) {
                    ids.add(generator.next(INSTITUTION));
                }
                return ids;
            }));
        }
        Set<String> unique = ConcurrentHashMap.newKeySet();
        int total = 0;
        for (Future<List<String>> batch : batches) {
            for (String id : batch.get()) {
                total++;
                unique.add(id);
                assertThat(id).hasSize(30).matches(MsgIdGenerator.FORMAT).startsWith(INSTITUTION);
                assertThat(id.substring(26)).isNotEqualTo("0000");
            }
        }
        threads.shutdown();
        assertThat(total).isEqualTo(20_000);
        assertThat(unique).hasSize(20_000);
    }

    @Test
    void timestampIsThePlatformsLocalTime() {
        Clock fixed = Clock.fixed(Instant.parse("2026-03-01T01:02:03.456Z"), SHANGHAI);
        String id = new MsgIdGenerator(memberA, fixed).next("H51010000001");
        assertThat(id).startsWith("H51010000001" + "20260301090203");
    }

    @Test
    void waitsForTheNextSecondWhenASecondIsUsedUp() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T02:00:00.250Z"));
        Clock movable = new Clock() {
            @Override public ZoneId getZone() { return ZoneOffset.ofHours(8); }
            @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
            @Override public Instant instant() { return now.get(); }
        };
        List<Long> waits = new ArrayList<>();
        MsgIdGenerator generator = new MsgIdGenerator(memberB, movable, millis -> {
            waits.add(millis);
            now.set(now.get().plusMillis(millis));
        });
        String last = null;
        for (int i = 0; i < MsgIdGenerator.MAX_PER_SECOND; i++) {
            last = generator.next("H33010000003");
        }
        assertThat(last).isEqualTo("H33010000003" + "20260301100000" + "9999");
        assertThat(waits).isEmpty();

        String overflow = generator.next("H33010000003");

        assertThat(overflow).isEqualTo("H33010000003" + "20260301100001" + "0001");
        assertThat(waits).containsExactly(750L);
        // a second's counter lives 60 s: enough for the second, and the map never grows
        var counter = memberA.<String, Integer>getMap(MsgIdGenerator.MAP_NAME).getEntryView("H33010000003" + "20260301100000");
        assertThat(counter.getValue()).isEqualTo(MsgIdGenerator.MAX_PER_SECOND);
        assertThat(counter.getTtl()).isEqualTo(60_000L);
    }
}
