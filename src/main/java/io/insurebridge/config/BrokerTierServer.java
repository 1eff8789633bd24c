package io.insurebridge.config;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar insurebridge.jar broker --spring.config.additional-location=file:broker-primary.yml}: one Artemis
 * broker of the broker tier and nothing else (no database, no routes, no listeners). With a broker tier the
 * instances are clients (profile {@code broker-tier}), so a killed instance takes no messages with it: the broker
 * hands its unacknowledged ones to the instances that are left (docs/deployment.md).
 * <p>
 * Settings are the instances' own {@code insurebridge.broker.*} (redelivery, dead letters, paging, acceptor,
 * cluster, HA role), read from the same application.yml, so both kinds of broker treat the product's queues alike.
 * <p>
 * Not a {@code @Configuration} on purpose: the product's component scan must never start a second broker.
 */
@EnableConfigurationProperties({BrokerProperties.class, QueueNames.class})
public class BrokerTierServer {

    private static final Logger log = LoggerFactory.getLogger(BrokerTierServer.class);

    public static void main(String[] args) throws InterruptedException {
        new SpringApplicationBuilder(BrokerTierServer.class).web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF).run(args);
        new CountDownLatch(1).await();   // the broker's threads serve; SIGTERM stops the context and the broker
    }

    @Bean(destroyMethod = "stop")
    EmbeddedActiveMQ brokerTier(BrokerProperties props, QueueNames queues,
                                @Value("${insurebridge.broker.tier.data-directory:${insurebridge.data-dir}/broker}")
                                String dataDirectory) throws Exception {
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfiguration(configuration(props, queues, Path.of(dataDirectory)))
                .setSecurityManager(new BrokerTierUser(props.cluster().user(), props.cluster().password()));
        broker.start();
        String role = props.ha().policy();
        Runnable active = () -> log.info("broker tier: broker active on {} (HA policy {})", props.acceptorUrl(), role);
        broker.getActiveMQServer().registerActivateCallback(new ActivateCallback() {
            @Override
            public void activationComplete() {
                active.run();   // a backup that takes over
            }
        });
        if (broker.getActiveMQServer().isActive()) {
            active.run();
        } else {
            log.info("broker tier: broker waiting as backup on {} (HA policy {})", props.acceptorUrl(), role);
        }
        return broker;
    }

    /** The broker's configuration: persistent journal in {@code dataDirectory}, security on, the product's settings. */
    public static Configuration configuration(BrokerProperties props, QueueNames queues, Path dataDirectory) {
        if (props.acceptorUrl() == null || props.acceptorUrl().isBlank()) {
            throw new IllegalStateException("insurebridge.broker.acceptor-url: where the instances reach this broker");
        }
        if (props.cluster().password() == null || props.cluster().password().isBlank()) {
            throw new IllegalStateException("insurebridge.broker.cluster.password: the account the instances and "
                    + "the other broker log in with (INSUREBRIDGE_CLUSTER_PASSWORD)");
        }
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("insurebridge-broker-" + props.ha().policy().toLowerCase());
        config.setPersistenceEnabled(true);
        config.setSecurityEnabled(true);
        // with a shared store, primary and backup name the same directory: its lock decides which one is active
        config.setJournalDirectory(dataDirectory.resolve("journal").toString());
        config.setBindingsDirectory(dataDirectory.resolve("bindings").toString());
        config.setPagingDirectory(dataDirectory.resolve("paging").toString());
        config.setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString());
        config.setNodeManagerLockDirectory(dataDirectory.resolve("journal").toString());
        BrokerConfig.productSettings(config, props, queues);
        return config;
    }
}
