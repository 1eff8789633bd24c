package io.insurebridge.config;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** Settings of the embedded Artemis broker that Spring Boot starts (ignored when an external broker is used). */
@Configuration
@EnableConfigurationProperties({BrokerProperties.class, QueueNames.class})
public class BrokerConfig {

    static final String DEAD_LETTER_PREFIX = "DLQ.";
    /** Per-instance reply queues of the front door and of the platform client (request/reply over JMS). */
    static final List<String> REPLY_QUEUES = List.of("hl7.replies.#", "insurance.platform.replies.#");

    @Bean
    ArtemisConfigurationCustomizer insurebridgeBrokerSettings(BrokerProperties props, QueueNames queues) {
        return config -> productSettings(config, props, queues);
    }

    /**
     * Redelivery, dead-lettering, paging, the network acceptor, the cluster connection and the HA role: the same
     * for the broker Spring Boot embeds in an instance and for a broker-tier server ({@link BrokerTierServer}).
     */
    static void productSettings(org.apache.activemq.artemis.core.config.Configuration config, BrokerProperties props,
                                QueueNames queues) {
        AddressSettings settings = new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLA"))
                .setAutoCreateDeadLetterResources(true)
                .setDeadLetterQueuePrefix(SimpleString.of("DLQ."))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(props.maxDeliveryAttempts())
                .setRedeliveryDelay(props.redeliveryDelayMs())
                .setRedeliveryMultiplier(props.redeliveryMultiplier())
                .setMaxRedeliveryDelay(props.maxRedeliveryDelayMs())
                .setMaxSizeBytes(props.addressMaxSizeBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE);
        if (props.cluster().enabled()) {
            // a queue left without consumers hands its messages to a member that has some
            settings.setRedistributionDelay(props.cluster().redistributionDelayMs());
        }
        config.addAddressSetting("#", settings);
        // each product queue Q dead-letters into its own DLQ.Q address: the dead-letter store consumes those
        // as plain queues (a consumer of DLQ.Q on the shared DLA would find no queue before the first death)
        for (String queue : queues.all()) {
            config.addAddressSetting(queue, new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of(DEAD_LETTER_PREFIX + queue)));
        }
        // each instance has its own reply queues, named anew at every start: those of an instance that died keep
        // late replies nobody will read; they go once their consumer has been gone a minute, replies and all
        for (String replies : REPLY_QUEUES) {
            config.addAddressSetting(replies, new AddressSettings().setAutoDeleteQueuesMessageCount(-1L)
                    .setAutoDeleteQueuesDelay(60_000L));
        }
        // a redelivered message after a crash must know it is one (traps.md); we still dedup by business key
        config.setPersistDeliveryCountBeforeDelivery(true);
        if (props.acceptorUrl() != null && !props.acceptorUrl().isBlank()) {
            try {
                config.addAcceptorConfiguration("network", props.acceptorUrl());
            } catch (Exception e) {
                throw new IllegalStateException("insurebridge.broker.acceptor-url: " + e.getMessage(), e);
            }
        }
        BrokerCluster.apply(config, props);
        BrokerHa.apply(config, props);
    }
}
