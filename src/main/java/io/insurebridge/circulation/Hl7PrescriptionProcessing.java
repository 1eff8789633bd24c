package io.insurebridge.circulation;

import ca.uhn.hl7v2.HL7Exception;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.hl7.AckBuilder;
import io.insurebridge.inbound.hl7.AckCode;
import io.insurebridge.inbound.hl7.Hl7Error;
import io.insurebridge.inbound.hl7.Hl7Parser;
import io.insurebridge.inbound.hl7.RawHl7;
import io.insurebridge.mapping.FieldConventions;
import io.insurebridge.mapping.FieldError;
import io.insurebridge.mapping.Hl7Translator;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.mapping.TranslationResult;
import io.insurebridge.mapping.UnmappedCode;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Carries one stored RDE^O11 / OMP^O09 through mapping into {@link PrescriptionIntake} and records the outcome
 * with its final ACK, the way Hl7Processing does for ADT / DFT: PROCESSED (AA, hi_rxno in MSA-3), REJECTED (AE
 * with the reasons: content errors, unknown doctor, non-drug code ...), NEEDS_MAPPING (local drug code without a
 * national code; held), PENDING (the platform did not answer in time), FAILED (unexpected; can be re-driven).
 */
public class Hl7PrescriptionProcessing {

    private static final Logger log = LoggerFactory.getLogger(Hl7PrescriptionProcessing.class);
    private static final int PENDING_CODE = 206;

    private final MessageStore store;
    private final Hl7Parser parser;
    private final Hl7Translator translator;
    private final MappingGapStore gaps;
    private final ConnectorRegistry connectors;
    private final PrescriptionIntake intake;

    public Hl7PrescriptionProcessing(MessageStore store, Hl7Parser parser, Hl7Translator translator,
                                     MappingGapStore gaps, ConnectorRegistry connectors, PrescriptionIntake intake) {
        this.store = store;
        this.parser = parser;
        this.translator = translator;
        this.gaps = gaps;
        this.connectors = connectors;
        this.intake = intake;
    }

    public String process(long id) {
        StoredMessage message = store.find(id).orElseThrow(() -> new IllegalStateException("no message #" + id));
        if (message.status() == MessageStatus.PROCESSED || message.status() == MessageStatus.REJECTED) {
            return message.ack();
        }
        store.updateStatus(id, MessageStatus.PROCESSING, null, null, null);
        RawHl7 in = RawHl7.of(message.raw());
        try {
            return decide(message, in);
        } catch (PlatformTimeoutException e) {
            String text = "PENDING: no answer from the platform yet for the prescription upload";
            String ack = AckBuilder.build(in, AckCode.AE, text, List.of(Hl7Error.general(PENDING_CODE, e.getMessage())),
                    List.of());
            store.updateStatus(id, MessageStatus.PENDING, e.getMessage(), ack, AckCode.AE.name());
            return ack;
        } catch (RuntimeException e) {
            log.error("prescription message #{} failed in processing: {}", id, e.toString());
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            String ack = AckBuilder.build(in, AckCode.AE, "processing failed; message #" + id + " can be re-driven",
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, reason)), List.of());
            store.updateStatus(id, MessageStatus.FAILED, reason, ack, AckCode.AE.name());
            return ack;
        }
    }

    private String decide(StoredMessage message, RawHl7 in) {
        ConnectorDefinition connector = connectors.get(message.connector());
        TranslationResult translation;
        try {
            translation = translator.translate(parser.parse(message.raw()), connector.institution(),
                    FieldConventions.of(connector.conventions()));
        } catch (HL7Exception e) {
            return finish(message, in, MessageStatus.REJECTED, AckCode.AE, "message cannot be parsed",
                    List.of(Hl7Error.general(Hl7Error.SEGMENT_SEQUENCE_ERROR, e.getMessage())));
        }
        if (translation.hasErrors()) {
            return finish(message, in, MessageStatus.REJECTED, AckCode.AE, "message has content errors",
                    translation.errors().stream().map(Hl7PrescriptionProcessing::toErr).toList());
        }
        if (!translation.unmapped().isEmpty()) {
            gaps.record(connector.institution(), message.id(), translation.unmapped());
            return finish(message, in, MessageStatus.NEEDS_MAPPING, AckCode.AE,
                    "codes without a national mapping; message held",
                    translation.unmapped().stream().map(Hl7PrescriptionProcessing::toErr).toList());
        }
        PrescriptionReceipt receipt = intake.submit(message.id(), translation.prescription());
        if (!receipt.accepted()) {
            return finish(message, in, MessageStatus.REJECTED, AckCode.AE, "prescription refused: " + receipt.errMsg(),
                    List.of(Hl7Error.general(Hl7Error.APPLICATION_INTERNAL_ERROR, receipt.errMsg())));
        }
        store.appendHop(message.id(), "circulation", "hi_rxno " + receipt.hiRxno() + " to " + receipt.pharmacies());
        String ack = AckBuilder.build(in, AckCode.AA, "prescription " + receipt.hiRxno() + " trace "
                + receipt.rxTraceCode(), List.of(), List.of());
        store.updateStatus(message.id(), MessageStatus.PROCESSED, null, ack, AckCode.AA.name());
        return ack;
    }

    private String finish(StoredMessage message, RawHl7 in, MessageStatus status, AckCode code, String text,
                          List<Hl7Error> errors) {
        String ack = AckBuilder.build(in, code, text, errors, List.of());
        String reason = errors.stream().map(Hl7Error::toString).collect(Collectors.joining("; "));
        store.updateStatus(message.id(), status, reason, ack, code.name());
        return ack;
    }

    private static Hl7Error toErr(FieldError e) {
        return Hl7Error.at(e.segment(), e.repetition(), e.field(), Integer.parseInt(e.hl7ErrorCode()), e.text());
    }

    private static Hl7Error toErr(UnmappedCode u) {
        String what = u.kind() == UnmappedCode.Kind.ITEM ? "drug" : "diagnosis";
        return Hl7Error.at(u.segment(), u.repetition(), u.field(), Hl7Error.TABLE_VALUE_NOT_FOUND,
                "local " + what + " code " + u.localCode() + " has no national code");
    }
}
