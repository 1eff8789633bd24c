package io.insurebridge.patient.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.platform.gateway.GatewayVisitStore;
import io.insurebridge.platform.gateway.OutpatientFlow;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

import java.time.Clock;
import java.time.Duration;

/** Gateway-side mobile payment wiring, and its sweeper (expired, stuck and unreversed orders). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(PaymentProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class PaymentConfiguration {

    @Bean
    PaymentOrders paymentOrders(JdbcTemplate jdbc) {
        return new PaymentOrders(jdbc);
    }

    @Bean
    MobilePayments mobilePayments(OutpatientFlow flow, GatewayVisitStore visits, PaymentOrders orders,
                                  ObjectMapper json, PaymentProperties properties) {
        return new MobilePayments(flow, visits, orders, json, properties, Clock.systemUTC());
    }

    @Bean
    SchedulingConfigurer paymentSweeper(MobilePayments payments, PaymentProperties properties) {
        return (ScheduledTaskRegistrar registrar) -> registrar.addFixedDelayTask(() -> {
            try {
                payments.sweep();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(MobilePayments.class).warn("payment sweep failed: {}", e.toString());
            }
        }, Duration.ofSeconds(properties.sweepSeconds()));
    }
}
