package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.insurebridge.security.FhirClient;
import io.insurebridge.store.MessageQuery;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ClaimResponse;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.CoverageEligibilityResponse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The REST interactions of the FHIR front door; every one goes through {@link FhirIntake} (or, for reads, the
 * message store), so the CapabilityStatement HAPI derives from these methods lists exactly what is supported.
 */
final class FhirProviders {

    private FhirProviders() {}

    /** HTTP status 4xx/5xx as a HAPI exception carrying our OperationOutcome; 2xx as a MethodOutcome. */
    static MethodOutcome outcome(FhirAnswer answer, RequestDetails request) {
        if (answer.status() >= 400) {
            BaseServerResponseException e = BaseServerResponseException.newInstance(answer.status(),
                    "request refused (stored as #" + answer.messageId() + ")");
            e.setOperationOutcome((IBaseOperationOutcome) answer.resource());
            throw e;
        }
        MethodOutcome outcome = new MethodOutcome();
        outcome.setResource(answer.resource());
        outcome.setCreated(false);
        outcome.setResponseStatusCode(answer.status());
        if (answer.location() != null) {
            outcome.setResponseHeaders(Map.of("Location", List.of(request.getFhirServerBase() + "/"
                    + answer.location())));
        }
        return outcome;
    }

    static IBaseResource resource(FhirAnswer answer, RequestDetails request) {
        return outcome(answer, request).getResource();
    }

    static String body(HttpServletRequest request) {
        try {
            return new String(request.getInputStream().readAllBytes(), request.getCharacterEncoding() == null
                    ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(request.getCharacterEncoding()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** POST /fhir/Claim (settle or pre-settle) and POST /fhir/Claim/$cancel. */
    static class ClaimProvider implements IResourceProvider {
        private final FhirIntake intake;

        ClaimProvider(FhirIntake intake) { this.intake = intake; }

        @Override
        public Class<Claim> getResourceType() { return Claim.class; }

        @Create
        public MethodOutcome submit(@ResourceParam String body, RequestDetails request) {
            return outcome(intake.receive(FhirProcessing.CLAIM, body), request);
        }

        /** Cancels the settlement of a settled Claim (2208): Parameters {identifier = the Claim's identifier}. */
        @Operation(name = "$cancel", manualRequest = true)
        public IBaseResource cancel(HttpServletRequest servletRequest, RequestDetails request) {
            return resource(intake.receive(FhirProcessing.CLAIM_CANCEL, body(servletRequest)), request);
        }
    }

    /** POST /fhir/CoverageEligibilityRequest (1101) and GET of the answer. */
    static class EligibilityProvider implements IResourceProvider {
        private final FhirIntake intake;

        EligibilityProvider(FhirIntake intake) { this.intake = intake; }

        @Override
        public Class<CoverageEligibilityRequest> getResourceType() { return CoverageEligibilityRequest.class; }

        @Create
        public MethodOutcome check(@ResourceParam String body, RequestDetails request) {
            return outcome(intake.receive(FhirProcessing.ELIGIBILITY, body), request);
        }
    }

    /** POST /fhir/MedicationRequest: an e-prescription into circulation. */
    static class MedicationRequestProvider implements IResourceProvider {
        private final FhirIntake intake;

        MedicationRequestProvider(FhirIntake intake) { this.intake = intake; }

        @Override
        public Class<MedicationRequest> getResourceType() { return MedicationRequest.class; }

        @Create
        public MethodOutcome prescribe(@ResourceParam String body, RequestDetails request) {
            return outcome(intake.receive("MedicationRequest", body), request);
        }
    }

    /** Reads of the answers, straight from the message store. */
    abstract static class StoredAnswers {
        private final MessageStore store;
        private final FhirIntake intake;
        private final String requestType;

        StoredAnswers(MessageStore store, FhirIntake intake, String requestType) {
            this.store = store;
            this.intake = intake;
            this.requestType = requestType;
        }

        IBaseResource answer(IdType id, RequestDetails request) {
            StoredMessage m = null;
            if (id.isIdPartValidLong()) {
                m = store.find(id.getIdPartAsLong()).filter(s -> FhirIntake.PROTOCOL.equals(s.protocol())
                        && requestType.equals(s.messageType())).filter(StoredAnswers::callersOwn).orElse(null);
            }
            if (m == null || m.ack() == null) {
                throw new ResourceNotFoundException(id);
            }
            return resource(intake.stored(m), request);
        }

        List<StoredMessage> byControlId(String value) {
            return store.search(new MessageQuery(null, requestType, null, value, null, null, 0, 50)).stream()
                    .filter(m -> FhirIntake.PROTOCOL.equals(m.protocol()) && m.ack() != null
                            && m.status() != MessageStatus.REJECTED).filter(StoredAnswers::callersOwn).toList();
        }

        /** A client reads its own institution's answers only; another's look like unknown ids. */
        static boolean callersOwn(StoredMessage m) {
            return FhirClient.current().map(c -> c.institution().equals(m.sendingFacility())).orElse(true);
        }

        FhirIntake intake() { return intake; }
    }

    /** GET /fhir/ClaimResponse/{id} and GET /fhir/ClaimResponse?request.identifier=[system|]value. */
    static class ClaimResponseProvider extends StoredAnswers implements IResourceProvider {

        ClaimResponseProvider(MessageStore store, FhirIntake intake) { super(store, intake, FhirProcessing.CLAIM); }

        @Override
        public Class<ClaimResponse> getResourceType() { return ClaimResponse.class; }

        @Read
        public IBaseResource read(@IdParam IdType id, RequestDetails request) {
            return answer(id, request);
        }

        @Search
        public List<IBaseResource> byRequest(
                @RequiredParam(name = ClaimResponse.SP_REQUEST, chainWhitelist = {"identifier"}) ReferenceParam claim) {
            String value = claim.getValue();
            String identifier = value.contains("|") ? value.substring(value.indexOf('|') + 1) : value;
            return byControlId(identifier).stream().map(m -> intake().stored(m).resource())
                    .filter(r -> r instanceof ClaimResponse).toList();
        }
    }

    /** GET /fhir/CoverageEligibilityResponse/{id} (after a 202). */
    static class EligibilityResponseProvider extends StoredAnswers implements IResourceProvider {

        EligibilityResponseProvider(MessageStore store, FhirIntake intake) {
            super(store, intake, FhirProcessing.ELIGIBILITY);
        }

        @Override
        public Class<CoverageEligibilityResponse> getResourceType() { return CoverageEligibilityResponse.class; }

        @Read
        public IBaseResource read(@IdParam IdType id, RequestDetails request) {
            return answer(id, request);
        }
    }

    /** POST /fhir/$process-message with a Bundle of type message. */
    static class MessagingProvider {
        private final FhirIntake intake;

        MessagingProvider(FhirIntake intake) { this.intake = intake; }

        @Operation(name = "$process-message", manualRequest = true, returnParameters = {})
        public Bundle processMessage(HttpServletRequest servletRequest, RequestDetails request) {
            return (Bundle) resource(intake.receive(FhirProcessing.BUNDLE, body(servletRequest)), request);
        }
    }
}
