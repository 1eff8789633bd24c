package io.insurebridge.store;

import java.time.OffsetDateTime;
import java.util.List;

/** A stored message with its current state and, when read whole, its trace. */
public record StoredMessage(long id, String connector, String protocol, String sendingApp, String sendingFacility,
                            String receivingApp, String receivingFacility, String controlId, String messageType,
                            String version, String charset, MessageStatus status, String reason, String queue,
                            String msgid, String raw, String ack, String ackCode, OffsetDateTime receivedAt,
                            OffsetDateTime updatedAt, List<Hop> hops) {

    public record Hop(OffsetDateTime at, String hop, String detail) {}
}
