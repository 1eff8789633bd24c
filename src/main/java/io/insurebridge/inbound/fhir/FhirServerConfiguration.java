package io.insurebridge.inbound.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ServerCapabilityStatementProvider;
import io.insurebridge.store.MessageStore;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The FHIR R4 server: one shared FhirContext (expensive to create, traps.md) and a HAPI plain RestfulServer
 * registered as a servlet at insurebridge.fhir.path (default /fhir/*).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirProperties.class)
public class FhirServerConfiguration {

    /** The JVM-wide R4 context: created once, shared by the server, the parsers and the validator. */
    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    @ConditionalOnProperty(name = "insurebridge.fhir.enabled", havingValue = "true", matchIfMissing = true)
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext context, FhirIntake intake, MessageStore store,
                                                       FhirProperties properties) {
        RestfulServer server = new RestfulServer(context) {
            @Override
            protected void initialize() {
                setDefaultResponseEncoding(EncodingEnum.JSON);
                setImplementationDescription("InsureBridge FHIR front door (national medical insurance)");
                setResourceProviders(List.of(new FhirProviders.ClaimProvider(intake),
                        new FhirProviders.EligibilityProvider(intake),
                        new FhirProviders.MedicationRequestProvider(intake),
                        new FhirProviders.ClaimResponseProvider(store, intake),
                        new FhirProviders.EligibilityResponseProvider(store, intake)));
                registerProvider(new FhirProviders.MessagingProvider(intake));
                registerInterceptor(new UnparsedBodyInterceptor(intake));
                setServerConformanceProvider(new ServerCapabilityStatementProvider(this));
            }
        };
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server,
                properties.path());
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
