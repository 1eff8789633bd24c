package io.insurebridge.security.masking;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who sees personal data in clear on the API: only users configured with {@code personal-data: true}
 * (insurebridge.security.users), whatever their role. Everyone else, auditors, operators and engineers alike,
 * gets the masked view.
 */
public final class PersonalDataAccess {

    /** The authority a user configured with personal-data: true holds. */
    public static final String AUTHORITY = "PERSONAL_DATA";

    private PersonalDataAccess() {}

    public static boolean granted() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated()
                && auth.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()));
    }
}
