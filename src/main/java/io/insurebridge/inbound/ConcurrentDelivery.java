package io.insurebridge.inbound;

import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Two deliveries of one stored message can be processed at the same time: the inbound consumers acknowledge after
 * the processing (CLIENT_ACKNOWLEDGE), so when the broker or a consumer session fails mid-way, the broker redelivers
 * the message while the first processing is still running. The first delivery that finishes the message (PROCESSED
 * or REJECTED) decides its answer; a later delivery's failure, "pending" or refusal must not overwrite it (found by
 * BrokerRestartUnderLoadTest: a redelivered registration's duplicate-visit failure replaced the first one's AA, and
 * the HIS's resends were answered "processing failed" for ever). The check and the write are one conditional
 * UPDATE ({@link MessageStore#updateStatusUnlessFinished}), so a delivery finishing in between cannot be
 * overwritten either. Used by the HL7 and the FHIR processing.
 */
@Component
public class ConcurrentDelivery {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentDelivery.class);

    private final MessageStore store;

    public ConcurrentDelivery(MessageStore store) {
        this.store = store;
    }

    /**
     * A copy the broker delivers although the front door's send failed (the broker stopped mid-send): the sender
     * was told "not taken, please resend", so this copy is not processed — the resend is. Its stored answer then.
     */
    public Optional<String> notEnqueued(StoredMessage m) {
        if (m.status() != MessageStatus.FAILED || m.reason() == null
                || !m.reason().startsWith(InboundProcessing.NOT_ENQUEUED)) {
            return Optional.empty();
        }
        store.appendHop(m.id(), "ignored", "delivered although its enqueue was reported failed: the sender was "
                + "told to resend, and the resend is processed instead");
        return Optional.ofNullable(m.ack());
    }

    /**
     * Stores this delivery's outcome unless another delivery finished the message first, in one conditional update;
     * returns the answer that stands: this delivery's own, or the first delivery's (this one's outcome, described by
     * {@code outcome}, is then dropped and recorded as a hop).
     */
    public String finish(long id, MessageStatus status, String reason, String answer, String code, String outcome) {
        if (store.updateStatusUnlessFinished(id, status, reason, answer, code)) {
            return answer;
        }
        StoredMessage first = store.find(id).orElseThrow();
        String detail = "another delivery finished it first (" + first.status() + " " + first.ackCode()
                + "); this delivery's outcome is dropped: " + outcome;
        store.appendHop(id, "duplicate", detail);
        log.warn("message #{}: {}", id, detail);
        return first.ack();
    }
}
