package io.insurebridge.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Users of the HTTP API and console ({@code insurebridge.security}). Passwords are Spring Security encoded strings:
 * {@code {bcrypt}$2a$...} in production, {@code {noop}...} for the demo users.
 */
@ConfigurationProperties("insurebridge.security")
public record SecurityProperties(List<User> users) {

    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * @param personalData sees names and ID numbers in clear on the API (default false: masked, whatever the role)
     */
    public record User(String name, String password, List<String> roles, boolean personalData) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        /** ROLE_ + each role, and PERSONAL_DATA when granted. */
        String[] authorities() {
            List<String> all = new java.util.ArrayList<>(roles.stream().map(r -> "ROLE_" + r).toList());
            if (personalData) {
                all.add(io.insurebridge.security.masking.PersonalDataAccess.AUTHORITY);
            }
            return all.toArray(String[]::new);
        }

        boolean demoPassword() {
            return password != null && password.equals("{noop}demo-" + name);
        }
    }
}
