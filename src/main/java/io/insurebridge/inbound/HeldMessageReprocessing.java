package io.insurebridge.inbound;

import io.insurebridge.circulation.Hl7PrescriptionProcessing;
import io.insurebridge.mapping.HeldMessageReprocessor;
import io.insurebridge.mapping.ReprocessOutcome;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Releases a message held for a missing mapping: runs it through processing again, now with the mappings in
 * force. The HIS sees the outcome when it asks again with the same control id.
 */
@Component
public class HeldMessageReprocessing implements HeldMessageReprocessor {

    private final MessageStore store;
    private final InboundProcessing processing;
    private final ObjectProvider<Hl7PrescriptionProcessing> prescriptions;

    public HeldMessageReprocessing(MessageStore store, InboundProcessing processing,
                                   ObjectProvider<Hl7PrescriptionProcessing> prescriptions) {
        this.store = store;
        this.processing = processing;
        this.prescriptions = prescriptions;
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
        Hl7PrescriptionProcessing rx = prescriptions.getIfAvailable();
        if (rx != null && isPrescription(held.messageType())) {
            rx.process(messageId);   // RDE / OMP go through circulation, not the outpatient flow
        } else {
            processing.process(held.protocol(), messageId);
        }
        StoredMessage after = store.find(messageId).orElseThrow();
        return switch (after.status()) {
            case NEEDS_MAPPING -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.STILL_UNMAPPED, after.reason());
            case FAILED -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.FAILED, after.reason());
            default -> new ReprocessOutcome(messageId, ReprocessOutcome.Status.REPROCESSED,
                    after.status() + " " + after.ackCode());
        };
    }

    private static boolean isPrescription(String messageType) {
        return messageType != null && (messageType.startsWith("RDE") || messageType.startsWith("OMP"));
    }
}
