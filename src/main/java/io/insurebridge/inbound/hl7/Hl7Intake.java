package io.insurebridge.inbound.hl7;

import io.insurebridge.config.QueueNames;
import io.insurebridge.inbound.OrphanRedrive;
import io.insurebridge.inbound.connector.ConnectorCounters;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.store.InboundMessage;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.insurebridge.store.MessageStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import io.insurebridge.config.logging.Correlation;
import java.util.List;
import java.util.Optional;

/**
 * The HL7 front door's decision for one message: decode, recognise a HIS retry, validate, store (always before
 * answering), enqueue, and build the ACK. The ACK code is decided here and nowhere else.
 */
@Component
public class Hl7Intake {

    private static final Logger log = LoggerFactory.getLogger(Hl7Intake.class);
    static final String PROTOCOL = "HL7v2";

    private final Hl7Validator validator;
    private final MessageStore store;
    private final QueueSender sender;
    private final QueueNames queues;
    private final ProcessingRequester requester;
    private final boolean answerWithResults;
    private final ConnectorCounters counters;
    /** a RECEIVED message without answer untouched for orphan-after was orphaned by a crash (shared with FHIR) */
    private final OrphanRedrive orphans;

    public Hl7Intake(Hl7Validator validator, MessageStore store, QueueSender sender, QueueNames queues,
                     ProcessingRequester requester,
                     @Value("${insurebridge.processing.enabled:true}") boolean answerWithResults,
                     ConnectorCounters counters,
                     OrphanRedrive orphans) {
        this.counters = counters;
        this.orphans = orphans;
        this.validator = validator;
        this.store = store;
        this.sender = sender;
        this.queues = queues;
        this.requester = requester;
        this.answerWithResults = answerWithResults;
    }

    /** The intake's answer to one message, counted per connector (received, accepted = AA, rejected = AE/AR). */
    public IntakeResult receive(ConnectorDefinition connector, byte[] bytes) {
        counters.received(connector.name());
        IntakeResult result = decide(connector, bytes);
        if (result.code() == AckCode.AA) {
            counters.accepted(connector.name());
        } else {
            counters.rejected(connector.name(), result.code() + ": " + RawHl7.of(result.ack()).field("MSA", 3));
        }
        return result;
    }

    private IntakeResult decide(ConnectorDefinition connector, byte[] bytes) {
        RawHl7 in = RawHl7.decode(bytes, connector.charset());
        InboundMessage message = new InboundMessage(connector.name(), PROTOCOL, in.sendingApp(),
                in.sendingFacility(), in.receivingApp(), in.receivingFacility(), in.controlId(), in.messageType(),
                in.version(), in.charset().name(), in.text());
        Correlation.start(in.controlId());   // log lines of this message name it (MDC)

        Optional<IntakeResult> retry = storedAnswer(message, in);
        if (retry.isPresent()) {
            return retry.get();
        }
        ValidationOutcome outcome = validator.validate(in);
        if (!outcome.accepted()) {
            String text = outcome.code() == AckCode.AR ? "message rejected" : "message has content errors";
            String ack = AckBuilder.build(in, outcome.code(), text, outcome.errors(), List.of());
            long id = store.insertRejected(message, outcome.reason(), ack, outcome.code().name());
            log.info("HL7 {} from {} control id {} -> {} ({})", message.messageType(), connector.name(),
                    message.controlId(), outcome.code(), outcome.reason());
            return new IntakeResult(id, outcome.code(), ack, in.charset(), false);
        }
        long id;
        try {
            id = store.insertAccepted(message);
            Correlation.message(id);
        } catch (DuplicateKeyException concurrentCopy) {
            Optional<IntakeResult> answer = storedAnswer(message, in);
            if (answer.isPresent()) {
                return answer.get();
            }
            Optional<Long> orphan = orphan(message, in);
            if (orphan.isEmpty()) {
                return inProgress(in);
            }
            id = orphan.get();   // stored before a crash, never handed on: this resend takes it through
            Correlation.message(id);
        }
        MessageKind kind = MessageKind.of(message.messageType()).orElseThrow();
        String queue = queues.forKind(kind);
        try {
            if (answerWithResults && kind != MessageKind.PRESCRIPTION) {
                return answered(id, queue, connector.name(), message, in);
            }
            sender.send(queue, id, connector.name(), message.messageType(), in.text(), 0);
        } catch (RuntimeException e) {
            String reason = io.insurebridge.inbound.InboundProcessing.NOT_ENQUEUED + queue + ": " + rootMessage(e);
            String ack = AckBuilder.build(in, AckCode.AE, "temporarily unavailable, message stored as #" + id
                    + "; please resend", List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, reason)),
                    List.of());
            store.markFailed(id, reason, ack, AckCode.AE.name());
            log.warn("HL7 message #{} stored but not enqueued: {}", id, reason);
            return new IntakeResult(id, AckCode.AE, ack, in.charset(), false);
        }
        String ack = AckBuilder.build(in, AckCode.AA, "accepted as #" + id, List.of(), List.of());
        store.markQueued(id, queue, ack, AckCode.AA.name());
        return new IntakeResult(id, AckCode.AA, ack, in.charset(), false);
    }

    /**
     * Registration and charges are answered with their results: the processing consumer's final ACK, or
     * "pending" when it takes longer than the reply timeout (the message stays durable on its queue).
     */
    private IntakeResult answered(long id, String queue, String connector, InboundMessage message, RawHl7 in) {
        store.appendHop(id, "queued", queue + " (request-reply)");
        Optional<String> reply = requester.request(queue, id, connector, message.messageType(), in.text());
        if (reply.isPresent()) {
            String ack = reply.get();
            return new IntakeResult(id, AckCode.valueOf(RawHl7.of(ack).field("MSA", 1)), ack, in.charset(), false);
        }
        StoredMessage stored = store.find(id).orElseThrow();
        String pendingAck = Hl7Processing.pending(in, stored, "no answer within the reply timeout").ack();
        if (store.markPendingIfUnfinished(id, pendingAck)) {
            return new IntakeResult(id, AckCode.AE, pendingAck, in.charset(), false);
        }
        StoredMessage finished = store.find(id).orElseThrow();   // finished just after the timeout
        return new IntakeResult(id, AckCode.valueOf(finished.ackCode()), finished.ack(), in.charset(), false);
    }

    /** A HIS retry of a message we already answered gets the very same ACK, and nothing is enqueued again. */
    private Optional<IntakeResult> storedAnswer(InboundMessage message, RawHl7 in) {
        String key = message.dedupKey();
        if (!in.hasMsh() || key == null) {
            return Optional.empty();
        }
        Optional<StoredMessage> prior = store.findByDedupKey(key);
        if (prior.isEmpty() || prior.get().ack() == null) {
            return Optional.empty();
        }
        StoredMessage first = prior.get();
        if (!sameMessage(first.raw(), in.text())) {
            return Optional.of(reusedControlId(message, in, first));
        }
        if (first.status() == MessageStatus.PENDING && answerWithResults) {
            // still no result: ask the processing again (it returns the stored outcome once there is one)
            MessageKind kind = MessageKind.of(first.messageType()).orElseThrow();
            store.appendHop(first.id(), "duplicate", "resend of a pending message: asked again");
            return Optional.of(answered(first.id(), queues.forKind(kind), first.connector(), message, in));
        }
        store.appendHop(first.id(), "duplicate", "resend of control id " + message.controlId() + " answered from store");
        return Optional.of(new IntakeResult(first.id(), AckCode.valueOf(first.ackCode()), first.ack(), in.charset(),
                true));
    }

    /**
     * A different message under a control id already taken is refused (AR, ERR 205) and stored as REJECTED: answering
     * it with the first one's ACK would be an AA for a message nobody processed (found by the HL7 fuzz test).
     */
    private IntakeResult reusedControlId(InboundMessage message, RawHl7 in, StoredMessage first) {
        String reason = "control id " + message.controlId() + " was already used by message #" + first.id()
                + " with different content";
        String ack = AckBuilder.build(in, AckCode.AR, "message rejected",
                List.of(Hl7Error.at("MSH", 1, 10, Hl7Error.DUPLICATE_KEY, reason + "; send it with a new control id")),
                List.of());
        long id = store.insertRejected(message, reason, ack, AckCode.AR.name());
        log.warn("HL7 {} from {}: {}", message.messageType(), message.connector(), reason);
        return new IntakeResult(id, AckCode.AR, ack, in.charset(), false);
    }

    /** A resend is the same message; only its send time (MSH-7) may differ. */
    static boolean sameMessage(String stored, String received) {
        return stored != null && withoutSendTime(stored).equals(withoutSendTime(received));
    }

    private static String withoutSendTime(String text) {
        String t = text.stripTrailing();
        if (!t.startsWith("MSH") || t.length() < 4) {
            return t;
        }
        int end = t.indexOf('\r');
        String msh = end < 0 ? t : t.substring(0, end);
        String[] f = msh.split(java.util.regex.Pattern.quote(String.valueOf(t.charAt(3))), -1);
        if (f.length > 6) {
            f[6] = "";   // raw index 6 is MSH-7 (index 1 holds MSH-2)
        }
        return String.join(String.valueOf(t.charAt(3)), f) + (end < 0 ? "" : t.substring(end));
    }

    /** The stored copy of this resend when it is an orphan this call could claim. */
    private Optional<Long> orphan(InboundMessage message, RawHl7 in) {
        return orphans.claim(message.dedupKey(), raw -> sameMessage(raw, in.text())).map(StoredMessage::id);
    }

    private static IntakeResult inProgress(RawHl7 in) {
        String ack = AckBuilder.build(in, AckCode.AE, "the same control id is being processed; resend later",
                List.of(Hl7Error.at("MSH", 1, 10, 205, "duplicate control id in progress")), List.of());
        return new IntakeResult(0, AckCode.AE, ack, in.charset(), true);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
