package io.insurebridge.inbound;

import io.insurebridge.mapping.HeldMessageReprocessor;
import io.insurebridge.mapping.ReprocessOutcome;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.stereotype.Component;

/**
 * Releases a message held for a missing mapping: runs it through processing again, now with the mappings in
 * force. The HIS sees the outcome when it asks again with the same control id.
 */
@Component
public class HeldMessageReprocessing implements HeldMessageReprocessor {

    private final MessageStore store;
    private final InboundProcessing processing;

    public HeldMessageReprocessing(MessageStore store, InboundProcessing processing) {
        this.store = store;
        this.processing = processing;
    }

    @Override
    public ReprocessOutcome reprocess(long messageId) {
        StoredMessage held = store.find(messageId).orElse(null);
        if (held == null) {
            return new ReprocessOutcome(messageId, ReprocessOutcome.Status.FAILED, "no message #" + messageId);
        }
        if (held.status() != MessageStatus.NEEDS_MAPPING) {
            return new ReprocessOutcome(messageId, ReprocessOutcome.Status.FAILED,
                    "message #" + messageId + " is " + held.status() + ", not held for mapping");
        }
        processing.process(held.protocol(), messageId);   // prescriptions included: processing hands them on
        StoredMessage after = store.find(messageId).orElseThrow();
        return switch (after.status()) {
            case NEEDS_MAPPING -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.STILL_UNMAPPED, after.reason());
            case FAILED -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.FAILED, after.reason());
            default -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.REPROCESSED,
                    after.status() + " " + after.ackCode());
        };
    }
}
