package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import io.insurebridge.config.QueueNames;
import io.insurebridge.inbound.InboundProcessing;
import io.insurebridge.inbound.OrphanRedrive;
import io.insurebridge.inbound.hl7.ProcessingRequester;
import io.insurebridge.mapping.FhirIssue;
import io.insurebridge.mapping.FhirTranslation;
import io.insurebridge.mapping.FhirTranslator;
import io.insurebridge.security.FhirClient;
import io.insurebridge.store.InboundMessage;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The FHIR front door's decision for one request, the counterpart of Hl7Intake: parse, validate (HAPI R4 validator
 * plus our constraints), recognise a retry by the business identifier, store (always before answering, refusals
 * too), then hand it to the same durable queues and consumers as HL7 and wait for the answer ("pending" = 202).
 */
@Component
public class FhirIntake {

    private static final Logger log = LoggerFactory.getLogger(FhirIntake.class);
    static final String PROTOCOL = InboundProcessing.PROTOCOL_FHIR;

    private final FhirCodec codec;
    private final FhirValidation validation;
    private final FhirTranslator translator;
    private final MessageStore store;
    private final ProcessingRequester requester;
    private final QueueNames queues;
    private final FhirPrescriptions prescriptions;
    private final FhirProperties properties;
    private final OrphanRedrive orphans;

    public FhirIntake(FhirCodec codec, FhirValidation validation, FhirTranslator translator, MessageStore store,
                      ProcessingRequester requester, QueueNames queues, FhirPrescriptions prescriptions,
                      FhirProperties properties, OrphanRedrive orphans) {
        this.orphans = orphans;
        this.codec = codec;
        this.validation = validation;
        this.translator = translator;
        this.store = store;
        this.requester = requester;
        this.queues = queues;
        this.prescriptions = prescriptions;
        this.properties = properties;
    }

    /**
     * @param messageType what the endpoint takes: Claim, CoverageEligibilityRequest, MedicationRequest,
     *                    Claim$cancel (a Parameters body) or Bundle ($process-message)
     */
    public FhirAnswer receive(String messageType, String body) {
        String expectedType = FhirProcessing.CLAIM_CANCEL.equals(messageType) ? "Parameters" : messageType;
        IBaseResource resource;
        try {
            if (body == null || body.isBlank()) {
                throw new DataFormatException("the request has no body");
            }
            resource = codec.parse(body);
        } catch (DataFormatException e) {
            return refuse(messageType, null, null, body, 400, List.of(new FhirIssue(expectedType, "structure",
                    "the body is not a parseable FHIR " + expectedType + ": " + e.getMessage())));
        }
        if (!expectedType.equals(resource.fhirType())) {
            return refuse(messageType, null, null, body, 400, List.of(new FhirIssue(resource.fhirType(), "invalid",
                    "the body is a " + resource.fhirType() + "; this endpoint takes " + expectedType)));
        }
        if (resource instanceof Bundle bundle) {
            List<FhirIssue> structure = FhirMessages.check(bundle, properties.maxBundleEntries());
            if (!structure.isEmpty()) {
                int status = "too-costly".equals(structure.get(0).code()) ? 413 : 422;
                return refuse(messageType, null, null, body, status, structure);
            }
        }
        List<FhirIssue> errors = new ArrayList<>(validation.errors(resource));
        Request request = describe(messageType, (Resource) resource, errors);
        Optional<FhirClient> caller = FhirClient.current();
        if (caller.isPresent()) {
            // an institution submits for itself only (its credentials name it: connectors/*.yaml, fhir-inbound)
            String own = caller.get().institution();
            if (request.institution != null && !request.institution.isBlank() && !own.equals(request.institution)) {
                return refuse(messageType, request.institution, request.controlId, body, 403, List.of(new FhirIssue(
                        institutionPath(resource), "forbidden", "these credentials (" + caller.get().connector()
                        + ") speak for institution " + own + ", not for " + request.institution)));
            }
            if (request.institution == null) {
                // a cancel names no institution: it is the caller's, and it finds only the caller's own claims
                request = new Request(own, request.controlId, request.queue, request.prescription);
            }
        }
        if (!errors.isEmpty()) {
            return refuse(messageType, request.institution, request.controlId, body, 422, errors);
        }
        InboundMessage message = new InboundMessage(properties.connector(), PROTOCOL, "FHIR/" + messageType,
                request.institution, "INSUREBRIDGE", null, request.controlId, messageType, "R4", "UTF-8", body);
        Optional<StoredMessage> prior = store.findByDedupKey(message.dedupKey());
        if (prior.isPresent() && prior.get().ack() != null) {
            store.appendHop(prior.get().id(), "duplicate", "resend of " + messageType + " " + request.controlId
                    + " answered from store");
            return stored(prior.get());
        }
        long id;
        try {
            id = store.insertAccepted(message);
        } catch (DuplicateKeyException concurrentCopy) {
            Optional<FhirAnswer> answered = store.findByDedupKey(message.dedupKey()).filter(m -> m.ack() != null)
                    .map(this::stored);
            if (answered.isPresent()) {
                return answered.get();
            }
            // stored before a crash and never handed on: this resend takes it through (the same rule as HL7)
            Optional<StoredMessage> orphan = orphans.claim(message.dedupKey(), raw -> sameBody(raw, body));
            if (orphan.isEmpty()) {
                boolean different = store.findByDedupKey(message.dedupKey())
                        .filter(first -> first.ack() == null && !sameBody(first.raw(), body)).isPresent();
                return new FhirAnswer(409, FhirResponses.outcome(null, "conflict", different
                        ? "identifier " + request.controlId + " is already used by a different request; send this "
                                + "one with a new identifier"
                        : "the same identifier is being processed; resend later", IssueSeverity.ERROR), 0, null);
            }
            id = orphan.get().id();
            log.info("FHIR {} {}: stored as #{} but never handed on; re-driven by the resend", messageType,
                    request.controlId, id);
        }
        if (request.prescription != null) {
            return prescriptions.submit(id, (Resource) resource, request.prescription);
        }
        return overQueue(id, message, request.queue, (Resource) resource);
    }

    /**
     * Whether a resend is the stored request: the same text, or the same resource once parsed (a client may
     * re-serialise it: other whitespace or element order).
     */
    boolean sameBody(String stored, String received) {
        if (stored == null || received == null) {
            return false;
        }
        if (stored.strip().equals(received.strip())) {
            return true;
        }
        try {
            return codec.json(codec.parse(stored)).equals(codec.json(codec.parse(received)));
        } catch (RuntimeException unparseable) {
            return false;
        }
    }

    /** Answers a stored message as HTTP: its stored answer and the status that answer means. */
    FhirAnswer stored(StoredMessage m) {
        IBaseResource answer = m.ack() == null ? null : codec.parse(m.ack());
        return new FhirAnswer(httpStatus(m), answer, m.id(), location(m));
    }

    private FhirAnswer overQueue(long id, InboundMessage message, String queue, Resource resource) {
        store.appendHop(id, "queued", queue + " (request-reply)");
        Optional<String> reply;
        try {
            reply = requester.request(queue, id, message.connector(), message.messageType(), message.raw(), PROTOCOL);
        } catch (RuntimeException e) {
            String reason = io.insurebridge.inbound.InboundProcessing.NOT_ENQUEUED + queue + ": " + e.getMessage();
            OperationOutcome oo = FhirResponses.outcome(null, "transient", "temporarily unavailable, request stored "
                    + "as #" + id + "; please resend", IssueSeverity.ERROR);
            store.markFailed(id, reason, codec.json(oo), "AE");
            log.warn("FHIR request #{} stored but not enqueued: {}", id, reason);
            return new FhirAnswer(503, oo, id, null);
        }
        if (reply.isEmpty()) {
            Resource pending = FhirProcessing.pendingAnswer(id, resource instanceof Bundle b
                    ? FhirMessages.focus(b).get(0) : resource);
            if (resource instanceof Bundle b) {
                pending = FhirMessages.response(b, pending, MessageStatus.PENDING);
            }
            store.markPendingIfUnfinished(id, codec.json(pending));
        }
        return stored(store.find(id).orElseThrow());
    }

    private FhirAnswer refuse(String messageType, String institution, String controlId, String body, int status,
                              List<FhirIssue> issues) {
        OperationOutcome oo = FhirResponses.outcome(issues, IssueSeverity.ERROR);
        String reason = issues.stream().map(i -> i.expression() + ": " + i.text()).reduce((a, b) -> a + "; " + b)
                .orElse("refused");
        InboundMessage message = new InboundMessage(properties.connector(), PROTOCOL, "FHIR/" + messageType,
                institution, "INSUREBRIDGE", null, controlId, messageType, "R4", "UTF-8", body == null ? "" : body);
        long id = store.insertRejected(message, reason, codec.json(oo), status == 400 ? "AR" : "AE");
        log.info("FHIR {} refused as #{} ({} issue(s))", messageType, id, issues.size());
        return new FhirAnswer(status, oo, id, null);
    }

    /** Where the request goes and what identifies it, with our constraints added to errors. */
    private Request describe(String messageType, Resource resource, List<FhirIssue> errors) {
        if (resource instanceof Claim claim) {
            FhirTranslation t = translator.claim(claim);
            errors.addAll(t.errors());
            return new Request(t.visit().institutionCode(), claim.getIdentifierFirstRep().getValue(), queues.charges(),
                    null);
        }
        if (resource instanceof CoverageEligibilityRequest eligibility) {
            FhirTranslation t = translator.eligibility(eligibility);
            errors.addAll(t.errors());
            return new Request(t.visit().institutionCode(), eligibility.getIdentifierFirstRep().getValue(),
                    queues.registration(), null);
        }
        if (resource instanceof MedicationRequest rx) {
            FhirTranslation t = translator.prescription(List.of(rx), List.of("MedicationRequest"));
            errors.addAll(t.errors());
            return new Request(t.prescription().institutionCode(), t.prescription().hospRxNo(), null, t);
        }
        if (resource instanceof Parameters parameters) {
            String identifier = FhirCancel.claimIdentifier(parameters);
            if (identifier == null) {
                errors.add(new FhirIssue("Parameters.parameter", FhirIssue.REQUIRED, "parameter 'identifier' (the "
                        + "settled Claim's business identifier) is required"));
            }
            return new Request(null, identifier, queues.charges(), null);
        }
        Bundle bundle = (Bundle) resource;
        String controlId = bundle.getIdentifier().hasValue() ? bundle.getIdentifier().getValue()
                : FhirMessages.header(bundle).getIdElement().getIdPart();
        FhirMessages.Event event = FhirMessages.event(bundle);
        List<Resource> focus = FhirMessages.focus(bundle);
        if (event == FhirMessages.Event.PRESCRIPTION) {
            List<MedicationRequest> rxs = focus.stream().map(MedicationRequest.class::cast).toList();
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < rxs.size(); i++) {
                paths.add("Bundle.entry[" + (i + 1) + "].resource");
            }
            FhirTranslation t = translator.prescription(rxs, paths);
            errors.addAll(t.errors());
            return new Request(t.prescription().institutionCode(), controlId, null, t);
        }
        Request inner = describe(event == FhirMessages.Event.CLAIM_CANCEL ? FhirProcessing.CLAIM_CANCEL
                : focus.get(0).fhirType(), focus.get(0), errors);
        return new Request(inner.institution, controlId, inner.queue, null);
    }

    private static int httpStatus(StoredMessage m) {
        return switch (m.status()) {
            case PROCESSED -> "AA".equals(m.ackCode()) ? 200 : 422;
            case REJECTED -> "AR".equals(m.ackCode()) ? 400 : 422;
            case NEEDS_MAPPING -> 422;
            case FAILED -> 500;
            default -> 202;   // pending, or still on its way
        };
    }

    private static String location(StoredMessage m) {
        if (m.status() == MessageStatus.PROCESSED || m.status() == MessageStatus.REJECTED) {
            return null;
        }
        return switch (m.messageType()) {
            case FhirProcessing.CLAIM -> "ClaimResponse/" + m.id();
            case FhirProcessing.ELIGIBILITY -> "CoverageEligibilityResponse/" + m.id();
            default -> null;
        };
    }

    private static String institutionPath(IBaseResource resource) {
        return resource instanceof Claim || resource instanceof CoverageEligibilityRequest
                ? resource.fhirType() + ".provider.identifier.value" : resource.fhirType();
    }

    private record Request(String institution, String controlId, String queue, FhirTranslation prescription) {}
}
