package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.insurebridge.mapping.FhirIssue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * One loaded validator per FhirContext (the context is the JVM-wide R4 one): the packages are loaded once per
     * JVM, not once per application context (tests start several).
     */
    private static final Map<FhirContext, CompletableFuture<FhirValidator>> SHARED = new ConcurrentHashMap<>();

    private final CompletableFuture<FhirValidator> validator;

    public FhirValidation(FhirContext context, FhirProperties properties) {
        this.validator = SHARED.computeIfAbsent(context, FhirValidation::load);
        if (!properties.warmUp()) {
            return;
        }
        validator.thenAcceptAsync(FhirValidation::warmUp);
    }

    /** The errors (severity error or fatal) of a resource, located by the validator's FHIRPath. */
    public List<FhirIssue> errors(IBaseResource resource) {
        FhirValidator loaded = validator.join();
        warmUp(loaded);   // waits for a warm-up still running instead of loading the packages a second time
        return loaded.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(FhirValidation::issue).toList();
    }

    private static FhirIssue issue(SingleValidationMessage m) {
        return new FhirIssue(m.getLocationString(), "invalid", m.getMessage());
    }

    private static CompletableFuture<FhirValidator> load(FhirContext context) {
        ValidationSupportChain support = new ValidationSupportChain(new DefaultProfileValidationSupport(context),
                new CommonCodeSystemsTerminologyService(context),
                new InMemoryTerminologyServerValidationSupport(context),
                new SnapshotGeneratingValidationSupport(context));
        return CompletableFuture.completedFuture(
                context.newValidator().registerValidatorModule(new FhirInstanceValidator(support)));
    }

    /** The first validation loads the R4 packages; done once, in the background, while the application starts. */
    private static synchronized void warmUp(FhirValidator validator) {
        if (WARMED.contains(validator)) {
            return;
        }
        long start = System.nanoTime();
        validator.validateWithResult(new Claim());
        WARMED.add(validator);
        log.info("FHIR validator ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    private static final java.util.Set<FhirValidator> WARMED = ConcurrentHashMap.newKeySet();
}
