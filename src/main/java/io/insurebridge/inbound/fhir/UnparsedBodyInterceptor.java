package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;

/**
 * HAPI refuses some create bodies itself before our provider runs (e.g. a Patient posted to /Claim, HAPI-0450):
 * such a request is still stored and answered by {@link FhirIntake}, with its OperationOutcome located.
 */
@Interceptor
class UnparsedBodyInterceptor {

    private static final Set<String> CREATE_TYPES = Set.of(FhirProcessing.CLAIM, FhirProcessing.ELIGIBILITY,
            "MedicationRequest");

    private final FhirIntake intake;

    UnparsedBodyInterceptor(FhirIntake intake) {
        this.intake = intake;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException refusedBeforeOurProvider(RequestDetails request, Throwable exception) {
        if (exception.getMessage() == null || !exception.getMessage().contains("HAPI-0450")
                || request.getRequestType() != RequestTypeEnum.POST || request.getOperation() != null
                || !CREATE_TYPES.contains(request.getResourceName())) {
            return null;
        }
        byte[] body = request.loadRequestContents();
        FhirAnswer answer = intake.receive(request.getResourceName(),
                body == null ? "" : new String(body, StandardCharsets.UTF_8));
        BaseServerResponseException replaced = BaseServerResponseException.newInstance(answer.status(),
                "request refused (stored as #" + answer.messageId() + ")");
        replaced.setOperationOutcome((IBaseOperationOutcome) answer.resource());
        return replaced;
    }
}
