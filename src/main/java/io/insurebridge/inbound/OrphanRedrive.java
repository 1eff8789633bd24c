package io.insurebridge.inbound;

import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rule both front doors (HL7 and FHIR) apply to a resend whose first copy is stored but has no answer: if that copy
 * is still RECEIVED and untouched for {@code insurebridge.hl7.orphan-after}, the process that stored it died before
 * handing it on (crash between store and queue), and the resend claims it (one atomic update in the store, hop
 * {@code recovered}) and takes it through as new. A younger one may still be on its way: "in progress".
 *
 * <p>The orphan age must be above the reply timeout: a front door waits up to {@code insurebridge.hl7.reply-timeout}
 * for a result while the message is still RECEIVED, and a resend in that window must not take it over (it would be
 * processed twice). A configuration that breaks this fails at start.
 */
@Component
public class OrphanRedrive {

    public static final String ORPHAN_AFTER = "insurebridge.hl7.orphan-after";
    public static final String REPLY_TIMEOUT = "insurebridge.hl7.reply-timeout";

    private final MessageStore store;
    private final Duration orphanAfter;

    public OrphanRedrive(MessageStore store,
                         @Value("${" + ORPHAN_AFTER + ":2m}") Duration orphanAfter,
                         @Value("${" + REPLY_TIMEOUT + ":30s}") Duration replyTimeout) {
        check(orphanAfter, replyTimeout);
        this.store = store;
        this.orphanAfter = orphanAfter;
    }

    /** Fails (with the reason and the fix) unless orphan-after is greater than reply-timeout. */
    public static void check(Duration orphanAfter, Duration replyTimeout) {
        if (orphanAfter == null || replyTimeout == null) {
            throw new IllegalStateException(ORPHAN_AFTER + " and " + REPLY_TIMEOUT + " must both be set");
        }
        if (replyTimeout.isNegative() || replyTimeout.isZero()) {
            throw new IllegalStateException(REPLY_TIMEOUT + " must be positive (is " + text(replyTimeout) + ")");
        }
        if (orphanAfter.compareTo(replyTimeout) <= 0) {
            throw new IllegalStateException(ORPHAN_AFTER + " (" + text(orphanAfter) + ") must be greater than "
                    + REPLY_TIMEOUT + " (" + text(replyTimeout) + "): a resend while the front door still waits for "
                    + "the first copy's result would take that copy for a crash orphan and process it a second time. "
                    + "Raise " + ORPHAN_AFTER + " (default 2m) or lower " + REPLY_TIMEOUT + " (default 30s)");
        }
    }

    public Duration orphanAfter() {
        return orphanAfter;
    }

    /**
     * The stored first copy under this dedup key, when it is an orphan and this call claimed it (at most one of
     * several concurrent resends does); empty when there is none, it is answered, too young, or its content differs.
     *
     * @param sameContent whether the stored raw text is the same message as the resend
     */
    public Optional<StoredMessage> claim(String dedupKey, Predicate<String> sameContent) {
        if (dedupKey == null) {
            return Optional.empty();
        }
        return store.findByDedupKey(dedupKey)
                .filter(first -> first.status() == MessageStatus.RECEIVED && first.ack() == null)
                .filter(first -> sameContent.test(first.raw()))
                .filter(first -> store.claimOrphan(first.id(), OffsetDateTime.now().minus(orphanAfter)));
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
