package io.insurebridge.inbound.fhir;

import io.insurebridge.mapping.FhirIssue;
import io.insurebridge.mapping.FhirTranslation;
import io.insurebridge.mapping.FhirTranslator;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.patient.FhirPatientHooks;
import io.insurebridge.patient.identity.IdentityClaims;
import io.insurebridge.patient.payment.MobilePayments;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.UnknownVisitException;
import io.insurebridge.platform.gateway.VisitStateException;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Carries one stored FHIR request through mapping and the national transactions (the same OutpatientFlow as HL7)
 * and decides its answer: the response resource (AA), an OperationOutcome for content the HIS can fix or a
 * platform refusal (AE), held as NEEDS_MAPPING for unmapped codes, or "pending" on a platform timeout. Runs on the
 * inbound queues' consumers (dispatched by protocol); the JSON it returns is also the front door's reply.
 */
@Component
public class FhirProcessing {

    private static final Logger log = LoggerFactory.getLogger(FhirProcessing.class);

    public static final String CLAIM = "Claim";
    public static final String CLAIM_CANCEL = "Claim$cancel";
    public static final String ELIGIBILITY = "CoverageEligibilityRequest";
    public static final String BUNDLE = "Bundle";

    private final MessageStore store;
    private final FhirCodec codec;
    private final FhirTranslator translator;
    private final MappingGapStore gaps;
    private final OutpatientFlow flow;
    private final FhirPatientHooks patient;
    private final io.insurebridge.inbound.ConcurrentDelivery concurrent;

    public FhirProcessing(MessageStore store, FhirCodec codec, FhirTranslator translator, MappingGapStore gaps,
                          OutpatientFlow flow, ObjectProvider<IdentityClaims> identity,
                          ObjectProvider<MobilePayments> payments,
                          io.insurebridge.inbound.ConcurrentDelivery concurrent) {
        this.concurrent = concurrent;
        this.patient = new FhirPatientHooks(identity, payments);
        this.store = store;
        this.codec = codec;
        this.translator = translator;
        this.gaps = gaps;
        this.flow = flow;
    }

    /** Processes message #id and returns its answer as JSON (the stored one when it was already processed). */
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
        Decision decision;
        try {
            IBaseResource request = codec.parse(message.raw());
            decision = request instanceof Bundle bundle ? FhirMessages.answer(bundle, id,
                    inner -> decide(message, inner)) : decide(message, (Resource) request);
        } catch (RuntimeException e) {
            log.error("FHIR message #{} failed in processing: {}", id, e.toString());
            String reason = "processing failed: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            OperationOutcome oo = FhirResponses.outcome(null, "exception", reason + "; message #" + id
                    + " can be re-driven", IssueSeverity.ERROR);
            String answer = codec.json(oo);
            return concurrent.finish(id, MessageStatus.FAILED, reason, answer, "AE", reason);
        }
        String answer = codec.json(decision.answer());
        if (!(decision.status() == MessageStatus.PROCESSED && "AA".equals(decision.code()))) {
            // anything but a success: a concurrent delivery may have finished the message meanwhile (its answer wins)
            return concurrent.finish(id, decision.status(), decision.reason(), answer, decision.code(),
                    decision.status() + " " + decision.code() + (decision.reason() == null ? "" : ": "
                            + decision.reason()));
        }
        store.updateStatus(id, decision.status(), decision.reason(), answer, decision.code());
        return answer;
    }

    /** The decision for one request resource (a REST body, or the focus of a message Bundle). */
    Decision decide(StoredMessage message, Resource request) {
        try {
            if (request instanceof Claim claim) {
                return claim(message, claim);
            }
            if (request instanceof CoverageEligibilityRequest eligibility) {
                return eligibility(message, eligibility);
            }
            if (request instanceof Parameters cancel) {
                return cancel(message, cancel);
            }
            return error(MessageStatus.REJECTED, "AR", request.fhirType(), FhirIssue.NOT_SUPPORTED,
                    request.fhirType() + " is not processed here");
        } catch (PlatformRejectedException e) {
            return error(MessageStatus.PROCESSED, "AE", null, "business-rule", e.getMessage());
        } catch (UnknownVisitException | VisitStateException e) {
            return error(MessageStatus.PROCESSED, "AE", null, "conflict", e.getMessage());
        } catch (PlatformTimeoutException e) {
            return new Decision(MessageStatus.PENDING, "AE", pendingAnswer(message.id(), request), e.getMessage());
        }
    }

    private Decision claim(StoredMessage message, Claim claim) {
        FhirTranslation t = translator.claim(claim);
        Decision early = contentProblems(message, t);
        if (early != null) {
            return early;
        }
        patient.beforeClaim(t.visit(), claim);   // identity-check extensions; no counter settlement during a payment
        flow.register(t.visit());   // one Claim = the whole visit; a registered visit is not registered again
        ChargeResult charged = flow.charge(t.visit());
        var response = FhirResponses.claimResponse(message.id(), claim, charged);
        patient.afterClaim(t.visit(), charged, response);   // the visit's mobile payment order, as an extension
        return new Decision(MessageStatus.PROCESSED, "AA", response, null);
    }

    private Decision eligibility(StoredMessage message, CoverageEligibilityRequest request) {
        FhirTranslation t = translator.eligibility(request);
        if (t.hasErrors()) {
            return rejected(t.errors());
        }
        return new Decision(MessageStatus.PROCESSED, "AA",
                FhirResponses.eligibility(message.id(), request, flow.personInfo(t.visit())), null);
    }

    /** Claim/$cancel: 2208 (+ 2205) for the settlement of the Claim with the given business identifier. */
    private Decision cancel(StoredMessage message, Parameters parameters) {
        String identifier = FhirCancel.claimIdentifier(parameters);
        StoredMessage original = FhirCancel.originalClaim(store, identifier, message.sendingFacility())
                .orElse(null);
        if (original == null || original.status() != MessageStatus.PROCESSED || !"AA".equals(original.ackCode())) {
            return error(MessageStatus.PROCESSED, "AE", "Parameters.parameter[0].value", "not-found",
                    "no settled Claim with identifier " + identifier);
        }
        Claim claim = (Claim) codec.parse(original.raw());
        Visit v = translator.claim(claim).visit();
        Visit cancel = new Visit(v.institutionCode(), v.visitNo(), v.mdtrtId(), v.medType(), v.insutype(), v.begin(),
                v.deptCode(), v.deptName(), v.doctorCode(), v.doctorName(), v.internet(), v.person(), v.diagnoses(),
                v.fees(), SettleMode.CANCEL, v.chrgBchno(), v.acctUsedFlag(), v.invoiceNo(), null, v.operator());
        ChargeResult reversed = flow.charge(cancel);
        return new Decision(MessageStatus.PROCESSED, "AA",
                FhirResponses.cancelResponse(message.id(), claim, reversed.setlinfo()), null);
    }

    /** Content errors refuse the request; unmapped codes hold it (NEEDS_MAPPING) and record the gaps. */
    private Decision contentProblems(StoredMessage message, FhirTranslation t) {
        if (t.hasErrors()) {
            return rejected(t.errors());
        }
        if (t.unmapped().isEmpty()) {
            return null;
        }
        String institution = t.visit() != null ? t.visit().institutionCode() : t.prescription().institutionCode();
        gaps.record(institution, message.id(), t.unmapped().stream().map(FhirTranslation.Unmapped::code).toList());
        List<FhirIssue> issues = t.unmapped().stream().map(u -> new FhirIssue(u.expression(), FhirIssue.CODE_INVALID,
                "local " + (u.code().kind().name().toLowerCase()) + " code " + u.code().localCode()
                        + " has no national code; request held until the crosswalk knows it")).toList();
        return new Decision(MessageStatus.NEEDS_MAPPING, "AE", FhirResponses.outcome(issues, IssueSeverity.ERROR),
                issues.stream().map(FhirIssue::text).reduce((a, b) -> a + "; " + b).orElse(null));
    }

    private static Decision rejected(List<FhirIssue> errors) {
        return new Decision(MessageStatus.REJECTED, "AR", FhirResponses.outcome(errors, IssueSeverity.ERROR),
                errors.stream().map(e -> e.expression() + ": " + e.text()).reduce((a, b) -> a + "; " + b)
                        .orElse(null));
    }

    private static Decision error(MessageStatus status, String code, String expression, String type, String text) {
        return new Decision(status, code, FhirResponses.outcome(expression, type, text, IssueSeverity.ERROR), text);
    }

    /** The "pending" answer of a request: its response resource with outcome queued. */
    static Resource pendingAnswer(long id, IBaseResource request) {
        if (request instanceof Claim claim) {
            return FhirResponses.queued(id, claim);
        }
        if (request instanceof CoverageEligibilityRequest eligibility) {
            return FhirResponses.queued(id, eligibility);
        }
        return FhirResponses.outcome(null, "transient", "pending: no answer from the platform yet; ask again with "
                + "the same identifier", IssueSeverity.WARNING);
    }

    /** @param code AA answered, AE refused by the platform or held, AR content error (as in the HL7 ACK codes) */
    record Decision(MessageStatus status, String code, Resource answer, String reason) {}
}
