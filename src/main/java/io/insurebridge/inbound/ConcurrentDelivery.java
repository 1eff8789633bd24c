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
 * the HIS's resends were answered "processing failed" for ever). Used by the HL7 and the FHIR processing.
 */
@Component
public class ConcurrentDelivery {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentDelivery.class);

    private final MessageStore store;

    public ConcurrentDelivery(MessageStore store) {
        this.store = store;
    }

    /**
     * The answer another delivery stored while this one was at work, if that one finished the message; then this
     * delivery's own outcome (described by {@code outcome}) is dropped and recorded as a hop.
     */
    public Optional<String> finishedMeanwhile(long id, String outcome) {
        Optional<StoredMessage> now = store.find(id)
                .filter(m -> m.status() == MessageStatus.PROCESSED || m.status() == MessageStatus.REJECTED)
                .filter(m -> m.ack() != null);
        now.ifPresent(m -> {
            String detail = "another delivery finished it first (" + m.status() + " " + m.ackCode()
                    + "); this delivery's outcome is dropped: " + outcome;
            store.appendHop(id, "duplicate", detail);
            log.warn("message #{}: {}", id, detail);
        });
        return now.map(StoredMessage::ack);
    }
}
