package io.insurebridge.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

import java.util.Optional;

/**
 * A FHIR client signed in with the credentials of a fhir-inbound connector file: it speaks for one institution
 * only (the front door refuses a resource of another institution with 403).
 */
public class FhirClient extends User {

    public static final String ROLE = "FHIR_CLIENT";

    private final String institution;
    private final String connector;

    FhirClient(String login, String password, String institution, String connector) {
        super(login, password == null ? "" : password, AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
        this.institution = institution;
        this.connector = connector;
    }

    public String institution() {
        return institution;
    }

    /** The connector file's name the credentials come from. */
    public String connector() {
        return connector;
    }

    /** The FHIR client of the current request, if the request was authenticated as one. */
    public static Optional<FhirClient> current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof FhirClient client ? Optional.of(client)
                : Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
