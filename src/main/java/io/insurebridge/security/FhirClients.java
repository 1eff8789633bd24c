package io.insurebridge.security;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.FhirClientKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The FHIR clients in force: the enabled fhir-inbound connector files, read from the connector registry on every
 * sign-in, so adding, changing, disabling or removing a file takes effect with the registry's hot reload.
 */
@Component
public class FhirClients {

    private static final Logger log = LoggerFactory.getLogger(FhirClients.class);

    private final ConnectorRegistry registry;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public FhirClients(ConnectorRegistry registry) {
        this.registry = registry;
    }

    /**
     * HTTP Basic: the client whose auth.username this is. (Not a UserDetailsService bean: a second one would
     * take the people's users out of Spring Boot's default authentication.)
     */
    public UserDetails byUsername(String username) {
        for (ConnectorDefinition c : registry.enabled(ConnectorKind.FHIR_INBOUND.name())) {
            if (Objects.equals(username, FhirClientKeys.username(c))) {
                String password = FhirClientKeys.password(c);
                if (password != null && password.startsWith("{noop}") && warned.add(c.name())) {
                    log.warn("FHIR client '{}' ({}) has a clear-text {{noop}} password: encode it ({{bcrypt}}...) "
                            + "outside a demo", c.name(), c.file());
                }
                return new FhirClient(username, password, c.institution(), c.name());
            }
        }
        throw new UsernameNotFoundException("no FHIR client " + username);
    }

    /** Mutual TLS: the client whose auth.certificate-subject is the certificate's subject. */
    public UserDetails byCertificate(PreAuthenticatedAuthenticationToken token) {
        String subject;
        try {
            subject = FhirClientKeys.canonical(String.valueOf(token.getPrincipal()));
        } catch (IllegalArgumentException e) {
            throw new UsernameNotFoundException("not a certificate subject");
        }
        for (ConnectorDefinition c : registry.enabled(ConnectorKind.FHIR_INBOUND.name())) {
            if (subject.equals(FhirClientKeys.certificateSubject(c))) {
                return new FhirClient(String.valueOf(token.getPrincipal()), "", c.institution(), c.name());
            }
        }
        throw new UsernameNotFoundException("no FHIR client with certificate " + token.getPrincipal());
    }
}
