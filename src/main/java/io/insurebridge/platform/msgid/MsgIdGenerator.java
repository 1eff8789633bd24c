package io.insurebridge.platform.msgid;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

/**
 * National msgid = institution code (12) + yyyyMMddHHmmss (14) + sequence 0001-9999 (4) = 30 characters.
 * <p>
 * The sequence of each institution-second is a counter in a Hazelcast map, incremented by an entry processor on the
 * key's owner, so every gateway of a cluster draws from the same counter and no two ever get the same msgid. When a
 * second's 9999 numbers are gone the generator waits for the next second. Counters expire after 60 s: a member whose
 * clock lags the others by more than that could reuse a second, so keep the members on NTP.
 */
public class MsgIdGenerator implements MsgIdSource {

    public static final String MAP_NAME = "platform-msgid-seq";
    public static final Pattern FORMAT = Pattern.compile("[HP]\\d{11}\\d{14}\\d{4}");
    static final int MAX_PER_SECOND = 9999;
    static final long COUNTER_TTL_SECONDS = 60;

    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final Pattern INSTITUTION = Pattern.compile("[HP]\\d{11}");

    /** How to wait; tests replace it to move their clock instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void millis(long millis) throws InterruptedException;
    }

    private final IMap<String, Integer> counters;
    private final Clock clock;
    private final Pause pause;
    private final NextSequence next = new NextSequence(MAX_PER_SECOND, COUNTER_TTL_SECONDS);

    public MsgIdGenerator(HazelcastInstance hazelcast, Clock clock) {
        this(hazelcast, clock, Thread::sleep);
    }

    public MsgIdGenerator(HazelcastInstance hazelcast, Clock clock, Pause pause) {
        this.counters = hazelcast.getMap(MAP_NAME);
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public String next(String institutionCode) {
        if (institutionCode == null || !INSTITUTION.matcher(institutionCode).matches()) {
            throw new IllegalArgumentException("institution code must be H/P + 11 digits: " + institutionCode);
        }
        while (true) {
            Instant now = clock.instant();
            String second = SECOND.format(now.atZone(zone()));
            Integer sequence = counters.executeOnKey(institutionCode + second, next);
            if (sequence != null && sequence != NextSequence.EXHAUSTED) {
                return institutionCode + second + String.format("%04d", sequence);
            }
            waitForNextSecond(now);
        }
    }

    private ZoneId zone() { return clock.getZone(); }

    private void waitForNextSecond(Instant now) {
        long millisLeft = 1000 - Math.floorMod(now.toEpochMilli(), 1000L);
        try {
            pause.millis(Math.max(1, millisLeft));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free msgid second", e);
        }
    }
}
