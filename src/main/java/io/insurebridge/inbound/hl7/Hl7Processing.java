package io.insurebridge.inbound.hl7;

import ca.uhn.hl7v2.HL7Exception;
import io.insurebridge.circulation.PrescriptionIntake;
import io.insurebridge.circulation.PrescriptionReceipt;
import io.insurebridge.inbound.ConcurrentDelivery;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.mapping.FieldConventions;
import io.insurebridge.mapping.FieldError;
import io.insurebridge.mapping.Hl7Translator;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.mapping.TranslationResult;
import io.insurebridge.mapping.UnmappedCode;
import io.insurebridge.patient.identity.IdentityClaims;
import io.insurebridge.patient.identity.ZidSegments;
import io.insurebridge.patient.payment.MobilePayments;
import io.insurebridge.patient.payment.PaymentSegments;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.RegistrationResult;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries one stored HL7 message through mapping and the national transactions, and decides its final ACK:
 * AA with result segments, AE with the node's words, AE per unmapped code (held as NEEDS_MAPPING), or AE
 * "pending" when the platform did not answer in time. Prescriptions (RDE/OMP) are handed to circulation. Runs on the inbound queues' consumers; the answer it
 * returns is also the reply of the front door's request-reply.
 */
@Component
public class Hl7Processing {

    private static final Logger log = LoggerFactory.getLogger(Hl7Processing.class);
    /** ERR-3 code that tells the HIS "not failed, not done: ask again with the same control id". */
    public static final int PENDING_CODE = 206;

    private final MessageStore store;
    private final Hl7Parser parser;
    private final Hl7Translator translator;
    private final MappingGapStore gaps;
    private final OutpatientFlow flow;
    private final ConnectorRegistry connectors;
    private final ObjectProvider<PrescriptionIntake> prescriptions;
    private final ObjectProvider<MobilePayments> payments;
    private final ObjectProvider<IdentityClaims> identityClaims;
    private final Map<String, FieldConventions> conventions = new ConcurrentHashMap<>();
    private final ConcurrentDelivery concurrent;

    public Hl7Processing(MessageStore store, Hl7Parser parser, Hl7Translator translator, MappingGapStore gaps,
                         OutpatientFlow flow, ConnectorRegistry connectors,
                         ObjectProvider<PrescriptionIntake> prescriptions, ObjectProvider<MobilePayments> payments,
                         ObjectProvider<IdentityClaims> identityClaims, ConcurrentDelivery concurrent) {
        this.concurrent = concurrent;
        this.prescriptions = prescriptions;
        this.payments = payments;
        this.identityClaims = identityClaims;
        this.store = store;
        this.parser = parser;
        this.translator = translator;
        this.gaps = gaps;
        this.flow = flow;
        this.connectors = connectors;
    }

    /** Processes message #id and returns its final ACK (the stored one when it was already processed). */
    public String process(long id) {
        StoredMessage message = store.find(id).orElseThrow(() -> new IllegalStateException("no message #" + id));
        if (message.status() == MessageStatus.PROCESSED || message.status() == MessageStatus.REJECTED) {
            return message.ack();   // a redelivery: the answer is already decided
        }
        Optional<String> notTaken = concurrent.notEnqueued(message);
        if (notTaken.isPresent()) {
            return notTaken.get();
        }
        store.updateStatus(id, MessageStatus.PROCESSING, null, null, null);
        RawHl7 in = RawHl7.of(message.raw());
        Decision decision;
        try {
            decision = decide(message, in);
        } catch (RuntimeException e) {
            log.error("HL7 message #{} failed in processing: {}", id, e.toString());
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            String ack = AckBuilder.build(in, AckCode.AE, "processing failed; message #" + id + " can be re-driven",
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, reason)), List.of());
            return concurrent.finish(id, MessageStatus.FAILED, reason, ack, AckCode.AE.name(), reason);
        }
        if (!(decision.status() == MessageStatus.PROCESSED && decision.code() == AckCode.AA)) {
            // anything but a success: a concurrent delivery may have finished the message meanwhile (its answer wins)
            return concurrent.finish(id, decision.status(), decision.reason(), decision.ack(), decision.code().name(),
                    decision.status() + " " + decision.code() + (decision.reason() == null ? "" : ": "
                            + decision.reason()));
        }
        store.updateStatus(id, decision.status(), decision.reason(), decision.ack(), decision.code().name());
        return decision.ack();
    }

    private Decision decide(StoredMessage message, RawHl7 in) {
        ConnectorDefinition connector = connectors.get(message.connector());
        TranslationResult translation;
        try {
            translation = translator.translate(parser.parse(message.raw()), connector.institution(),
                    conventions.computeIfAbsent(connector.name(), n -> FieldConventions.of(connector.conventions())));
        } catch (HL7Exception e) {
            return reject(in, List.of(Hl7Error.general(Hl7Error.SEGMENT_SEQUENCE_ERROR, e.getMessage())));
        }
        if (translation.hasErrors()) {
            return reject(in, translation.errors().stream().map(Hl7Processing::toErr).toList());
        }
        if (!translation.unmapped().isEmpty()) {
            gaps.record(connector.institution(), message.id(), translation.unmapped());
            List<Hl7Error> errors = translation.unmapped().stream().map(Hl7Processing::toErr).toList();
            String ack = AckBuilder.build(in, AckCode.AE, "codes without a national mapping; message held",
                    errors, List.of());
            return new Decision(MessageStatus.NEEDS_MAPPING, AckCode.AE, ack, joined(errors));
        }
        if (translation.prescription() != null) {
            return circulate(message, in, translation);
        }
        try {
            return new Decision(MessageStatus.PROCESSED, AckCode.AA,
                    AckBuilder.build(in, AckCode.AA, "processed", List.of(),
                            run(message.messageType(), translation, message.raw())),
                    null);
        } catch (PlatformRejectedException e) {
            String text = e.getMessage();
            String ack = AckBuilder.build(in, AckCode.AE, text,
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, text)), List.of());
            return new Decision(MessageStatus.PROCESSED, AckCode.AE, ack, text);
        } catch (PlatformTimeoutException e) {
            return pending(in, message, e.getMessage());
        } catch (io.insurebridge.platform.gateway.UnknownVisitException
                 | io.insurebridge.platform.gateway.VisitStateException e) {
            String ack = AckBuilder.build(in, AckCode.AE, e.getMessage(),
                    List.of(Hl7Error.at("PV1", 1, 19, Hl7Error.UNKNOWN_KEY, e.getMessage())), List.of());
            return new Decision(MessageStatus.PROCESSED, AckCode.AE, ack, e.getMessage());
        }
    }

    /** RDE^O11 / OMP^O09: the prescription goes to circulation (check, 7101, signature, pharmacies). */
    private Decision circulate(StoredMessage message, RawHl7 in, TranslationResult translation) {
        PrescriptionIntake intake = prescriptions.getIfAvailable();
        if (intake == null) {
            throw new IllegalStateException("prescription circulation is not available");
        }
        PrescriptionReceipt receipt;
        try {
            receipt = intake.submit(message.id(), translation.prescription());
        } catch (PlatformTimeoutException e) {
            return pending(in, message, e.getMessage());
        }
        if (!receipt.accepted()) {
            String text = "prescription refused: " + receipt.errMsg();
            return new Decision(MessageStatus.REJECTED, AckCode.AE, AckBuilder.build(in, AckCode.AE, text,
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, receipt.errMsg())), List.of()), text);
        }
        store.appendHop(message.id(), "circulation", "hi_rxno " + receipt.hiRxno() + " to " + receipt.pharmacies());
        return new Decision(MessageStatus.PROCESSED, AckCode.AA, AckBuilder.build(in, AckCode.AA,
                "prescription " + receipt.hiRxno() + " trace " + receipt.rxTraceCode(), List.of(), List.of()), null);
    }

    /** The national transactions of each message type; returns the ACK's result segments. */
    private List<String> run(String messageType, TranslationResult translation, String raw) {
        switch (messageType) {
            case "ADT^A04" -> {
                IdentityClaims identity = identityClaims.getIfAvailable();
                if (identity != null) {
                    // attested identity checks (ZID): recorded with the visit, required by policy if configured
                    identity.admit(translation.visit(), ZidSegments.parse(raw));
                }
                RegistrationResult registered = flow.register(translation.visit());
                return ResultSegments.forRegistration(registered);
            }
            case "ADT^A11" -> {
                flow.cancelRegistration(translation.visit());
                return List.of();
            }
            case "DFT^P03" -> {
                MobilePayments mobile = payments.getIfAvailable();
                if (mobile != null) {
                    mobile.guardCounterSettlement(translation.visit());
                }
                ChargeResult charged = flow.charge(translation.visit());
                List<String> segments = new ArrayList<>(ResultSegments.forCharge(charged));
                if (mobile != null) {
                    // ZPY: the visit's mobile payment order (opened by an Internet+ pre-settlement)
                    mobile.afterCharge(translation.visit(), charged)
                            .ifPresent(o -> segments.add(PaymentSegments.zpy(o, mobile.payUrl(o))));
                }
                return segments;
            }
            default -> {
                return List.of();   // A08: stored and acknowledged; the platform has no update transaction
            }
        }
    }

    /** The HIS will be told "pending"; the stored message can be re-driven or asked for again. */
    static Decision pending(RawHl7 in, StoredMessage message, String detail) {
        String text = "PENDING: no answer from the platform yet; resend control id " + message.controlId()
                + " to get the result";
        String ack = AckBuilder.build(in, AckCode.AE, text,
                List.of(Hl7Error.general(PENDING_CODE, detail == null ? text : detail)), List.of());
        return new Decision(MessageStatus.PENDING, AckCode.AE, ack, detail);
    }

    private static Decision reject(RawHl7 in, List<Hl7Error> errors) {
        String ack = AckBuilder.build(in, AckCode.AE, "message has content errors", errors, List.of());
        return new Decision(MessageStatus.REJECTED, AckCode.AE, ack, joined(errors));
    }

    private static Hl7Error toErr(FieldError e) {
        return Hl7Error.at(e.segment(), e.repetition(), e.field(), Integer.parseInt(e.hl7ErrorCode()), e.text());
    }

    private static Hl7Error toErr(UnmappedCode u) {
        String what = u.kind() == UnmappedCode.Kind.ITEM ? "item" : "diagnosis";
        return Hl7Error.at(u.segment(), u.repetition(), u.field(), Hl7Error.TABLE_VALUE_NOT_FOUND,
                "local " + what + " code " + u.localCode() + " has no national code");
    }

    private static String joined(List<Hl7Error> errors) {
        List<String> parts = new ArrayList<>();
        errors.forEach(e -> parts.add(e.toString()));
        return String.join("; ", parts);
    }

    record Decision(MessageStatus status, AckCode code, String ack, String reason) {}
}
