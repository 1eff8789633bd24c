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

    public record User(String name, String password, List<String> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        boolean demoPassword() {
            return password != null && password.equals("{noop}demo-" + name);
        }
    }
}
