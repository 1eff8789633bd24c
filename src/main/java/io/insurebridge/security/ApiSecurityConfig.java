package io.insurebridge.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import java.time.Duration;

import static io.insurebridge.security.Roles.AUDITOR;
import static io.insurebridge.security.Roles.ENGINEER;
import static io.insurebridge.security.Roles.OPERATOR;

/**
 * Who may do what on the HTTP API ({@code /api}), the actuator and the console. The machine endpoints (national
 * interface {@code /fsi}, FHIR front door, pharmacy desk) are not behind these users: they are reached by systems, not
 * people, and carry their own credentials or TLS.
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class ApiSecurityConfig {

    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfig.class);

    /** Business actions an operator may take; everything else that changes state needs an engineer. */
    private static final String[] OPERATOR_ACTIONS = {
            "/api/messages/*/reprocess", "/api/dead-letters/*/retry", "/api/mapping-gaps/*/reprocess",
            "/api/prescriptions/*/cancel", "/api/prescriptions/*/reports", "/api/registry/**", "/api/antifraud/**",
            "/api/patient/vouchers", "/api/patient/payments/*/refund",
            // the console's buttons for the same actions (io.insurebridge.console.web)
            "/console/messages/*/reprocess", "/console/dead-letters/*/retry", "/console/mapping-gaps/*/reprocess"};

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/fsi/**", "/fhir/**", "/pharmacy/**").permitAll()
                        // the patient's phone opens the payment page from a link: the order id is its credential
                        .requestMatchers("/patient/**").permitAll()
                        .requestMatchers("/error", "/login", "/logout").permitAll()
                        .requestMatchers(HttpMethod.GET, "/console/login", "/console/assets/**").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**", "/console/**", "/actuator/**").hasRole(AUDITOR)
                        .requestMatchers(HttpMethod.POST, OPERATOR_ACTIONS).hasRole(OPERATOR)
                        .requestMatchers("/api/**", "/actuator/**").hasRole(ENGINEER)
                        // other console form posts (mapping sheet upload) change the wiring
                        .requestMatchers(HttpMethod.POST, "/console/**").hasRole(ENGINEER)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // the console's own sign-in page; CSRF stays on for its form posts (session cookie)
                .formLogin(form -> form.loginPage("/console/login").loginProcessingUrl("/console/login")
                        .defaultSuccessUrl("/console", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/console/login?logout"))
                // API clients get 401 instead of a redirect to the login page
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), PathPatternRequestMatcher.withDefaults().matcher("/api/**")))
                // machine endpoints and the Basic-authenticated API are not cookie sessions: no CSRF token there
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/fsi/**", "/fhir/**", "/pharmacy/**", "/patient/**",
                        "/actuator/**"));
        return http.build();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(ENGINEER).implies(OPERATOR)
                .role(OPERATOR).implies(AUDITOR)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder(@Value("${insurebridge.security.verified-password-ttl:5m}") Duration ttl) {
        // API clients (scripts, monitoring) send Basic credentials on every request: see VerifiedPasswords
        return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), ttl);
    }

    @Bean
    UserDetailsService apiUsers(SecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecurityProperties.User u : properties.users()) {
            if (u.demoPassword()) {
                log.warn("user '{}' has its demo password: set INSUREBRIDGE_{}_PASSWORD outside a demo", u.name(),
                        u.name().toUpperCase());
            }
            users.createUser(User.withUsername(u.name()).password(u.password())
                    .authorities(u.authorities()).build());
        }
        return users;
    }
}
