package io.insurebridge.inbound.fhir;

import io.insurebridge.mapping.FhirIssue;
import io.insurebridge.mapping.FhirSystems;
import io.insurebridge.store.MessageStatus;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR messaging ({@code $process-message}): a Bundle of type message whose first entry is a MessageHeader with an
 * event code of {@link FhirSystems#MESSAGE_EVENT}; the focus is processed exactly like the REST interaction of the
 * same resource, and the answer goes back in a response Bundle with MessageHeader.response.
 */
final class FhirMessages {

    /** MessageHeader.eventCoding codes and the resource type their focus must have. */
    enum Event {
        ELIGIBILITY("eligibility", "CoverageEligibilityRequest"),
        CLAIM("claim", "Claim"),
        CLAIM_CANCEL("claim-cancel", "Parameters"),
        PRESCRIPTION("prescription", "MedicationRequest");

        final String code;
        final String focusType;

        Event(String code, String focusType) {
            this.code = code;
            this.focusType = focusType;
        }

        static Event of(String code) {
            for (Event e : values()) {
                if (e.code.equals(code)) {
                    return e;
                }
            }
            return null;
        }
    }

    private FhirMessages() {}

    static MessageHeader header(Bundle bundle) {
        return bundle.getEntryFirstRep().getResource() instanceof MessageHeader h ? h : null;
    }

    static Event event(Bundle bundle) {
        MessageHeader h = header(bundle);
        return h == null || !h.hasEventCoding() ? null : Event.of(h.getEventCoding().getCode());
    }

    /** The focus resources: those MessageHeader.focus points at (by fullUrl), else every entry after the header. */
    static List<Resource> focus(Bundle bundle) {
        MessageHeader h = header(bundle);
        List<Resource> result = new ArrayList<>();
        List<Bundle.BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 1; i < entries.size(); i++) {
            Bundle.BundleEntryComponent e = entries.get(i);
            boolean focused = h == null || h.getFocus().isEmpty() || h.getFocus().stream()
                    .anyMatch(f -> f.getReference() != null && f.getReference().equals(e.getFullUrl()));
            if (focused && e.getResource() != null) {
                result.add(e.getResource());
            }
        }
        return result;
    }

    /** Problems of the message structure itself, located in the Bundle. */
    static List<FhirIssue> check(Bundle bundle, int maxEntries) {
        List<FhirIssue> issues = new ArrayList<>();
        if (bundle.getType() != Bundle.BundleType.MESSAGE) {
            issues.add(new FhirIssue("Bundle.type", FhirIssue.VALUE, "$process-message needs a Bundle of type "
                    + "message"));
        }
        if (bundle.getEntry().size() > maxEntries) {
            issues.add(new FhirIssue("Bundle.entry", "too-costly", "the Bundle has " + bundle.getEntry().size()
                    + " entries; at most " + maxEntries + " are accepted (insurebridge.fhir.max-bundle-entries)"));
            return issues;
        }
        MessageHeader h = header(bundle);
        if (h == null) {
            issues.add(new FhirIssue("Bundle.entry[0].resource", FhirIssue.REQUIRED, "the first entry must be a "
                    + "MessageHeader"));
            return issues;
        }
        Event event = event(bundle);
        if (event == null) {
            issues.add(new FhirIssue("Bundle.entry[0].resource.event", FhirIssue.CODE_INVALID, "event must be one "
                    + "of eligibility, claim, claim-cancel, prescription (system " + FhirSystems.MESSAGE_EVENT + ")"));
            return issues;
        }
        List<Resource> focus = focus(bundle);
        if (focus.isEmpty()) {
            issues.add(new FhirIssue("Bundle.entry", FhirIssue.REQUIRED, "the message has no focus resource"));
        }
        for (int i = 0; i < focus.size(); i++) {
            if (!event.focusType.equals(focus.get(i).fhirType())) {
                issues.add(new FhirIssue("Bundle.entry[" + (i + 1) + "].resource", "invalid", "event " + event.code
                        + " needs " + event.focusType + ", not " + focus.get(i).fhirType()));
            }
        }
        if (event != Event.PRESCRIPTION && focus.size() > 1) {
            issues.add(new FhirIssue("Bundle.entry", FhirIssue.NOT_SUPPORTED, "event " + event.code
                    + " takes exactly one focus resource"));
        }
        return issues;
    }

    /** Processes the focus with {@code inner} and wraps its answer in a response message. */
    static FhirProcessing.Decision answer(Bundle request, long id,
                                          Function<Resource, FhirProcessing.Decision> inner) {
        FhirProcessing.Decision decision = inner.apply(focus(request).get(0));
        return new FhirProcessing.Decision(decision.status(), decision.code(),
                response(request, decision.answer(), decision.status()), decision.reason());
    }

    static Bundle response(Bundle request, Resource answer, MessageStatus status) {
        MessageHeader in = header(request);
        Bundle out = new Bundle().setType(Bundle.BundleType.MESSAGE).setTimestamp(new Date());
        out.setId(UUID.randomUUID().toString());
        MessageHeader h = new MessageHeader();
        h.setId(UUID.randomUUID().toString());
        h.setEvent(in.getEvent().copy());
        h.setSource(new MessageHeader.MessageSourceComponent().setEndpoint("urn:insurebridge"));
        h.getResponse().setIdentifier(in.getIdElement().getIdPart())
                .setCode(status == MessageStatus.PENDING ? MessageHeader.ResponseType.TRANSIENTERROR
                        : answer instanceof OperationOutcome ? MessageHeader.ResponseType.FATALERROR
                        : MessageHeader.ResponseType.OK);
        String answerUrl = "urn:uuid:" + UUID.randomUUID();
        if (answer instanceof OperationOutcome) {
            h.getResponse().setDetails(new Reference(answerUrl));
        } else {
            h.addFocus(new Reference(answerUrl));
        }
        out.addEntry().setFullUrl("urn:uuid:" + h.getId()).setResource(h);
        out.addEntry().setFullUrl(answerUrl).setResource(answer);
        return out;
    }
}
