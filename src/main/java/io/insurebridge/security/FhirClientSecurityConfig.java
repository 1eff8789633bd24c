package io.insurebridge.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationProvider;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The FHIR front door's own door: every request but the CapabilityStatement must sign in as one of the FHIR
 * clients of the connector files (HTTP Basic, or a TLS client certificate whose subject a file names). The
 * people's users (operator, auditor, engineer) are not FHIR clients. Checked before the API's chain.
 */
@Configuration(proxyBeanMethods = false)
public class FhirClientSecurityConfig {

    static final String REALM = "InsureBridge FHIR";

    @Bean
    @Order(1)
    SecurityFilterChain fhirClientSecurity(HttpSecurity http, FhirClients clients,
                                           @Value("${insurebridge.security.verified-password-ttl:5m}") Duration ttl)
            throws Exception {
        DaoAuthenticationProvider basic = new DaoAuthenticationProvider(clients::byUsername);
        basic.setPasswordEncoder(new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder(), ttl));
        PreAuthenticatedAuthenticationProvider certificate = new PreAuthenticatedAuthenticationProvider();
        certificate.setPreAuthenticatedUserDetailsService(clients::byCertificate);
        AuthenticationEntryPoint signIn = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\"");
            outcome(response, HttpServletResponse.SC_UNAUTHORIZED, "login",
                    "sign in with the credentials of your institution's FHIR client (HTTP Basic or a client certificate)");
        };
        AccessDeniedHandler denied = (request, response, e) -> outcome(response, HttpServletResponse.SC_FORBIDDEN,
                "forbidden", "these credentials are not a FHIR client's");
        // explicit path matchers: /fhir is its own servlet (HAPI), not Spring MVC
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        http.securityMatcher(paths.matcher("/fhir/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths.matcher(HttpMethod.GET, "/fhir/metadata")).permitAll()
                        .anyRequest().hasRole(FhirClient.ROLE))
                .authenticationManager(new ProviderManager(basic, certificate))
                .x509(x -> x.x509PrincipalExtractor(cert -> cert.getSubjectX500Principal()
                                .getName(X500Principal.RFC2253))
                        .authenticationUserDetailsService(clients::byCertificate))
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(signIn))
                .exceptionHandling(e -> e.authenticationEntryPoint(signIn).accessDeniedHandler(denied))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                // systems with credentials on every request, no browser session: no CSRF token
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    /** The FHIR way to say no: an OperationOutcome. */
    static void outcome(HttpServletResponse response, int status, String code, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getOutputStream().write(("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
                + "\"code\":\"" + code + "\",\"diagnostics\":\"" + text.replace("\"", "'") + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
