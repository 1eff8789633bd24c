package io.insurebridge.crossregion;

import io.insurebridge.mapping.MappingSource;
import io.insurebridge.settlement.Envelopes;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeProperties;
import io.insurebridge.settlement.SettlementNode;
import io.insurebridge.settlement.policy.PolicyEngine;
import io.insurebridge.settlement.state.PersonState;
import io.insurebridge.settlement.state.ProcessedRequests;
import io.insurebridge.settlement.state.Settlements;
import io.insurebridge.settlement.state.Visits;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Wiring of cross-region settlement; it belongs to the settlement node role. */
@Configuration
@EnableConfigurationProperties(CrossRegionProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class CrossRegionConfiguration {

    @Bean
    CareSide crossRegionCareSide(PeerDirectory peers, CrossRegionStore store, CrossRegionTransport transport,
                                 CrossRegionProperties properties, NodeProperties node, RemotePersons persons,
                                 PlatformTransactionManager txManager) {
        persons.load();
        return new CareSide(peers, store, transport, properties, node, persons, txManager);
    }

    @Bean
    InsuredSide crossRegionInsuredSide(MappingSource mappings, ProcessedRequests processed, PersonState persons,
                                       Visits visits, Settlements settlements, PolicyEngine engine, NodeIds ids,
                                       Envelopes envelopes, NodeProperties node,
                                       PlatformTransactionManager txManager) {
        return new InsuredSide(mappings, processed, persons, visits, settlements, engine, ids, envelopes,
                node, txManager);
    }

    @Bean
    Reconciliation crossRegionReconciliation(JdbcTemplate jdbc, CrossRegionTransport transport, NodeProperties node,
                                             CrossRegionProperties properties) {
        return new Reconciliation(jdbc, transport, node, properties.answerWait());
    }

    @Bean
    CrossRegionInbound crossRegionInbound(@Lazy SettlementNode node, CareSide care, InsuredSide insured,
                                          Reconciliation reconciliation, CrossRegionStore store,
                                          CrossRegionTransport transport, PeerLinks links) {
        return new CrossRegionInbound(node, care, insured, reconciliation, store, transport, links);
    }

    /**
     * Cross-region queues never dead-letter: a request waiting for an unreachable peer is redelivered (with
     * back-off) for as long as it takes, so nothing is lost during a partition.
     */
    @Bean
    ArtemisConfigurationCustomizer crossRegionQueues(CrossRegionProperties properties) {
        return config -> config.addAddressSetting(properties.queuePrefix() + "#", new AddressSettings()
                .setMaxDeliveryAttempts(-1)
                .setRedeliveryDelay(1000L)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(30_000L)
                .setDeadLetterAddress(SimpleString.of("DLA")));
    }
}
