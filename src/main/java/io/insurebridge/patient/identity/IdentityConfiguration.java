package io.insurebridge.patient.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** Gateway-side identity claims (recorded with the visit, enforced by policy). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class IdentityConfiguration {
    @Bean
    IdentityClaims identityClaims(JdbcTemplate jdbc, IdentityProperties properties) {
        return new IdentityClaims(jdbc, properties, Clock.systemUTC());
    }
}
