package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.insurebridge.mapping.FhirIssue;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Claim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The HAPI FHIR instance validator against base R4 (structure, cardinality, datatypes, required bindings). It loads
 * large packages on first use, so it is warmed at start-up on a background thread (traps.md); a request that
 * arrives before the warm-up finished waits for it instead of paying for a second load.
 */
@Component
public class FhirValidation {

    private static final Logger log = LoggerFactory.getLogger(FhirValidation.class);

    private final FhirValidator validator;
    private final CompletableFuture<Void> warm;

    public FhirValidation(FhirContext context, FhirProperties properties) {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        this.validator = context.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
        this.warm = properties.warmUp() ? CompletableFuture.runAsync(this::warmUp) : CompletableFuture.completedFuture(null);
    }

    /** The errors (severity error or fatal) of a resource, located by the validator's FHIRPath. */
    public List<FhirIssue> errors(IBaseResource resource) {
        warm.join();
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::issue).toList();
    }

    private static FhirIssue issue(SingleValidationMessage m) {
        return new FhirIssue(m.getLocationString(), "invalid", m.getMessage());
    }

    private void warmUp() {
        long start = System.nanoTime();
        validator.validateWithResult(new Claim());
        log.info("FHIR validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
