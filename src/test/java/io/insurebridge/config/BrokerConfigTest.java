package io.insurebridge.config;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded broker's address settings as the product applies them. */
class BrokerConfigTest {

    private static AddressSettings all(Long maxSize) {
        ConfigurationImpl config = new ConfigurationImpl();
        new BrokerConfig().insurebridgeBrokerSettings(
                new BrokerProperties(null, null, null, null, null, null, maxSize, null),
                new QueueNames(null, null, null, null, null)).customize(config);
        return config.getAddressSettings().get("#");
    }

    @Test
    void aBacklogPagesToDiskBeyondThePerAddressLimit() {
        AddressSettings settings = all(null);
        assertThat(settings.getMaxSizeBytes()).isEqualTo(32L * 1024 * 1024);
        assertThat(settings.getAddressFullMessagePolicy()).isEqualTo(AddressFullMessagePolicy.PAGE);
        assertThat(all(1_000_000L).getMaxSizeBytes()).isEqualTo(1_000_000L);
    }

    @Test
    void poisonMessagesDeadLetterAfterBoundedRedeliveries() {
        AddressSettings settings = all(null);
        assertThat(settings.getMaxDeliveryAttempts()).isEqualTo(6);
        assertThat(settings.getRedeliveryDelay()).isEqualTo(500L);
        assertThat(settings.getDeadLetterAddress().toString()).isEqualTo("DLA");
    }
}
