package io.insurebridge.platform.msgid;

import java.io.Serial;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;

/**
 * Takes the next sequence number of one institution-second, atomically on the member that owns the key.
 * Returns {@link #EXHAUSTED} once all {@code max} numbers are used; the entry lives {@code ttlSeconds}, which is all
 * a second's counter ever needs.
 */
final class NextSequence implements EntryProcessor<String, Integer, Integer>, Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    static final int EXHAUSTED = -1;

    private final int max;
    private final long ttlSeconds;

    NextSequence(int max, long ttlSeconds) {
        this.max = max;
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Integer process(Map.Entry<String, Integer> entry) {
        Integer used = entry.getValue();
        int next = used == null ? 1 : used + 1;
        if (next > max) {
            return EXHAUSTED;
        }
        ((ExtendedMapEntry<String, Integer>) entry).setValue(next, ttlSeconds, TimeUnit.SECONDS);
        return next;
    }
}
