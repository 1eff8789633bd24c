package io.insurebridge.crossregion;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows of each peer link: the last delivery to the peer's broker (forward route) and the last
 * message heard from it. UP after a delivery succeeded, DOWN after it failed (the message waits and is retried).
 */
@org.springframework.stereotype.Component
public class PeerLinks {
    public enum State { UNKNOWN, UP, DOWN }

    public record Link(State state, Instant lastDelivered, Instant lastFailure, String lastError, Instant lastHeard,
                       long delivered, long failures) {
        static final Link NEW = new Link(State.UNKNOWN, null, null, null, null, 0, 0);
    }

    private final Map<String, Link> links = new ConcurrentHashMap<>();

    public void delivered(String admdvs) {
        links.compute(admdvs, (k, l) -> {
            Link o = l == null ? Link.NEW : l;
            return new Link(State.UP, Instant.now(), o.lastFailure(), o.lastError(), o.lastHeard(), o.delivered() + 1,
                    o.failures());
        });
    }

    public void failed(String admdvs, Throwable error) {
        links.compute(admdvs, (k, l) -> {
            Link o = l == null ? Link.NEW : l;
            return new Link(State.DOWN, o.lastDelivered(), Instant.now(),
                    error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage(),
                    o.lastHeard(), o.delivered(), o.failures() + 1);
        });
    }

    public void heardFrom(String admdvs) {
        links.compute(admdvs, (k, l) -> {
            Link o = l == null ? Link.NEW : l;
            return new Link(o.state(), o.lastDelivered(), o.lastFailure(), o.lastError(), Instant.now(),
                    o.delivered(), o.failures());
        });
    }

    public Link get(String admdvs) {
        return links.getOrDefault(admdvs, Link.NEW);
    }
}
