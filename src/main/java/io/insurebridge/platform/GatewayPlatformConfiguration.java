package io.insurebridge.platform;

import java.time.Clock;

import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import com.hazelcast.core.HazelcastInstance;

import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.client.HttpPlatformClient;
import io.insurebridge.platform.client.JmsPlatformClient;
import io.insurebridge.platform.gateway.GatewayVisitStore;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.PlatformCallLog;
import io.insurebridge.platform.gateway.TracedPlatform;
import io.insurebridge.platform.msgid.MsgIdGenerator;

/**
 * The gateway's side of the national platform: msgids, envelopes, the transport chosen by
 * insurebridge.platform.transport (jms | http), the trace tables and the outpatient flow. Beans carry gateway*
 * names so a settlement node in the same JVM can have platform beans of its own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PlatformProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class GatewayPlatformConfiguration {

    @Bean
    MsgIdGenerator gatewayMsgIdGenerator(HazelcastInstance hazelcast, PlatformProperties properties) {
        return new MsgIdGenerator(hazelcast, clock(properties));
    }

    @Bean
    EnvelopeFactory gatewayEnvelopeFactory(MappingSource mappings, MsgIdGenerator msgIds,
                                           PlatformProperties properties) {
        return new EnvelopeFactory(mappings, msgIds, properties, clock(properties));
    }

    @Bean
    @ConditionalOnProperty(name = "insurebridge.platform.transport", havingValue = "jms", matchIfMissing = true)
    PlatformClient gatewayPlatformClient(ProducerTemplate producer,
                                         @Value("${insurebridge.queues.eligibility}") String eligibilityQueue,
                                         @Value("${insurebridge.queues.settlement}") String settlementQueue,
                                         PlatformProperties properties) {
        return new JmsPlatformClient(producer, eligibilityQueue, settlementQueue, properties);
    }

    @Bean(name = "gatewayPlatformClient")
    @ConditionalOnProperty(name = "insurebridge.platform.transport", havingValue = "http")
    PlatformClient gatewayHttpPlatformClient(PlatformProperties properties) {
        return new HttpPlatformClient(properties);
    }

    @Bean
    PlatformCallLog gatewayPlatformCallLog(JdbcTemplate jdbc, PlatformProperties properties) {
        return new PlatformCallLog(jdbc, clock(properties));
    }

    @Bean
    GatewayVisitStore gatewayVisitStore(JdbcTemplate jdbc, PlatformProperties properties) {
        return new GatewayVisitStore(jdbc, clock(properties));
    }

    @Bean
    OutpatientFlow outpatientFlow(EnvelopeFactory envelopes,
                                  @Qualifier("gatewayPlatformClient") PlatformClient client,
                                  PlatformCallLog calls, GatewayVisitStore visits, PlatformProperties properties) {
        return new OutpatientFlow(envelopes, new TracedPlatform(client, calls), visits, calls, properties,
                clock(properties));
    }

    /** Not a bean: a Clock bean of ours would collide with anyone else's injected by type. */
    private static Clock clock(PlatformProperties properties) {
        return Clock.system(properties.zone());
    }
}
