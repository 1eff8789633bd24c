package io.insurebridge.settlement;

import io.insurebridge.settlement.policy.PolicyEngine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(NodeProperties.class)
public class NodeConfiguration {
    @Bean
    public PolicyEngine policyEngine() {
        return new PolicyEngine();
    }
}
