package io.insurebridge.inbound;

import io.insurebridge.config.QueueNames;
import io.insurebridge.inbound.hl7.MessageKind;
import io.insurebridge.inbound.hl7.QueueSender;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.Set;

/**
 * Carries a stored message on again: a failed one, one held for a missing mapping, or one whose answer is still
 * pending. Accepted-and-finished messages are never re-driven (that would be a second settlement attempt).
 */
@Component
public class MessageRedrive {

    private static final Set<MessageStatus> REDRIVABLE =
            EnumSet.of(MessageStatus.FAILED, MessageStatus.NEEDS_MAPPING, MessageStatus.PENDING, MessageStatus.RECEIVED);

    private final MessageStore store;
    private final QueueSender sender;
    private final QueueNames queues;

    public MessageRedrive(MessageStore store, QueueSender sender, QueueNames queues) {
        this.store = store;
        this.sender = sender;
        this.queues = queues;
    }

    public Outcome redrive(long id) {
        StoredMessage m = store.find(id).orElse(null);
        if (m == null) {
            return new Outcome(id, false, "no message #" + id);
        }
        if (!REDRIVABLE.contains(m.status())) {
            return new Outcome(id, false, "message #" + id + " is " + m.status() + "; only " + REDRIVABLE
                    + " can be re-driven");
        }
        MessageKind kind = MessageKind.of(m.messageType()).orElse(null);
        if (kind == null) {
            return new Outcome(id, false, "message type " + m.messageType() + " has no queue");
        }
        String queue = queues.forKind(kind);
        // QUEUED before the send: the consumer must never see the message still FAILED (a message whose enqueue
        // failed is not processed when it turns up later, InboundProcessing.notEnqueued)
        store.updateStatus(id, MessageStatus.QUEUED, "re-driven from " + m.status(), null, null);
        try {
            sender.send(queue, id, m.connector(), m.messageType(), m.raw(),
                    (int) (System.currentTimeMillis() % 1_000_000_000));
        } catch (RuntimeException e) {
            store.updateStatus(id, m.status(), "re-drive failed: " + e.getMessage(), null, null);
            return new Outcome(id, false, "message #" + id + " could not be re-driven: " + e.getMessage());
        }
        return new Outcome(id, true, "re-driven onto " + queue);
    }

    public record Outcome(long messageId, boolean redriven, String detail) {
        /** True when there is no such message (as opposed to one that may not be re-driven). */
        public boolean unknown() {
            return !redriven && detail.startsWith("no message #");
        }
    }
}
