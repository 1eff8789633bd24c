package io.insurebridge.console.web;

import io.insurebridge.security.Roles;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What the signed-in user may press. The buttons follow this; the server enforces the same rules on the POSTs
 * (ApiSecurityConfig), so a hidden button is a courtesy, not the protection.
 */
@Component
public class ConsoleRoles {

    private final RoleHierarchy hierarchy;

    public ConsoleRoles(RoleHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    public boolean canOperate(Authentication auth) {
        return has(auth, Roles.OPERATOR);
    }

    public boolean canEngineer(Authentication auth) {
        return has(auth, Roles.ENGINEER);
    }

    private boolean has(Authentication auth, String role) {
        return auth != null && hierarchy.getReachableGrantedAuthorities(auth.getAuthorities()).stream()
                .anyMatch(a -> ("ROLE_" + role).equals(a.getAuthority()));
    }
}
