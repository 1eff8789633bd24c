package io.insurebridge.inbound.fhir;

import io.insurebridge.circulation.PrescriptionIntake;
import io.insurebridge.circulation.PrescriptionReceipt;
import io.insurebridge.mapping.FhirIssue;
import io.insurebridge.mapping.FhirTranslation;
import io.insurebridge.mapping.FhirSystems;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * MedicationRequest (one, or a Bundle of one prescription's lines) -> the mapped Prescription -> the one
 * prescription hand-off both front doors share ({@link PrescriptionIntake}); its receipt becomes the answer.
 * Without a circulation bean the request is stored and answered 503 "circulation is not available".
 */
@Component
public class FhirPrescriptions {

    private static final Logger log = LoggerFactory.getLogger(FhirPrescriptions.class);

    private final ObjectProvider<PrescriptionIntake> intake;
    private final MessageStore store;
    private final MappingGapStore gaps;
    private final FhirCodec codec;

    public FhirPrescriptions(ObjectProvider<PrescriptionIntake> intake, MessageStore store, MappingGapStore gaps,
                             FhirCodec codec) {
        this.intake = intake;
        this.store = store;
        this.gaps = gaps;
        this.codec = codec;
    }

    FhirAnswer submit(long id, Resource request, FhirTranslation t) {
        store.updateStatus(id, MessageStatus.PROCESSING, null, null, null);
        if (!t.unmapped().isEmpty()) {
            gaps.record(t.prescription().institutionCode(), id,
                    t.unmapped().stream().map(FhirTranslation.Unmapped::code).toList());
            List<FhirIssue> issues = t.unmapped().stream().map(u -> new FhirIssue(u.expression(),
                    FhirIssue.CODE_INVALID, "local drug code " + u.code().localCode() + " has no national code; "
                            + "request held until the crosswalk knows it")).toList();
            return finish(id, MessageStatus.NEEDS_MAPPING, "AE", 422, FhirResponses.outcome(issues,
                    IssueSeverity.ERROR), issues.get(0).text());
        }
        PrescriptionIntake circulation = intake.getIfAvailable();
        if (circulation == null) {
            String text = "prescription circulation is not available on this instance; request stored as #" + id;
            return finish(id, MessageStatus.FAILED, "AE", 503, FhirResponses.outcome(null, "not-supported", text,
                    IssueSeverity.ERROR), text);
        }
        PrescriptionReceipt receipt;
        try {
            receipt = circulation.submit(id, t.prescription());
        } catch (RuntimeException e) {
            log.error("FHIR prescription #{} failed in circulation: {}", id, e.toString());
            String text = "circulation failed: " + e.getMessage();
            return finish(id, MessageStatus.FAILED, "AE", 500, FhirResponses.outcome(null, "exception", text,
                    IssueSeverity.ERROR), text);
        }
        if (!receipt.accepted()) {
            return finish(id, MessageStatus.PROCESSED, "AE", 422, FhirResponses.outcome(null, "business-rule",
                    receipt.errMsg(), IssueSeverity.ERROR), receipt.errMsg());
        }
        Resource answer = accepted(request, receipt);
        return finish(id, MessageStatus.PROCESSED, "AA", 200, answer, null);
    }

    /** The MedicationRequest back with the platform's prescription number and trace code as identifiers. */
    private static Resource accepted(Resource request, PrescriptionReceipt receipt) {
        if (request instanceof Bundle bundle) {
            Bundle.BundleEntryComponent first = bundle.getEntry().get(1);
            return FhirMessages.response(bundle, accepted(first.getResource(), receipt), MessageStatus.PROCESSED);
        }
        MedicationRequest rx = ((MedicationRequest) request).copy();
        rx.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        rx.addIdentifier(new Identifier().setSystem(FhirSystems.HI_RXNO).setValue(receipt.hiRxno()));
        rx.addIdentifier(new Identifier().setSystem(FhirSystems.RX_TRACE_CODE).setValue(receipt.rxTraceCode()));
        return rx;
    }

    private FhirAnswer finish(long id, MessageStatus status, String code, int http, Resource answer, String reason) {
        if (status == MessageStatus.FAILED) {
            store.markFailed(id, reason, codec.json(answer), code);   // a resend is taken as new
        } else {
            store.updateStatus(id, status, reason, codec.json(answer), code);
        }
        return new FhirAnswer(http, answer, id, null);
    }
}
