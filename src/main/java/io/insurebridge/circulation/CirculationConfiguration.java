package io.insurebridge.circulation;

import io.insurebridge.circulation.pharmacy.PharmacyDesk;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.gateway.PlatformCallLog;
import io.insurebridge.platform.gateway.TracedPlatform;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Hospital-side circulation wiring (gateway role): signing keys, store, targets, the circulation service. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({CirculationProperties.class, SigningProperties.class})
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class CirculationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CirculationConfiguration.class);

    @Bean
    SigningKeys signingKeys(SigningProperties properties, @Value("${insurebridge.data-dir}") Path dataDir) {
        return new SigningKeys(properties, dataDir);
    }

    @Bean
    PrescriptionStore prescriptionStore(JdbcTemplate jdbc) {
        return new PrescriptionStore(jdbc);
    }

    @Bean
    PharmacyTargets pharmacyTargets(ConnectorRegistry connectors) {
        return new PharmacyTargets(connectors);
    }

    /** Always there; the fan-out adds its own PrescriptionEvents bean and every one of them gets each event. */
    @Bean
    PrescriptionEvents loggingPrescriptionEvents() {
        return event -> log.info("event {} rx {} institution {} pharmacy {}", event.type(), event.hiRxno(),
                event.institutionCode(), event.pharmacyCode());
    }

    @Bean
    PrescriptionCirculation prescriptionCirculation(MappingSource mappings, CodeFormats formats,
                                                    CirculationProperties properties, EnvelopeFactory envelopes,
                                                    @Qualifier("gatewayPlatformClient") PlatformClient client,
                                                    PlatformCallLog calls, SigningKeys keys, PrescriptionStore store,
                                                    PharmacyTargets targets, ProducerTemplate producer,
                                                    List<PrescriptionEvents> events, PlatformProperties platform) {
        return new PrescriptionCirculation(mappings, formats, properties, envelopes, new TracedPlatform(client, calls),
                keys, store, targets, producer, PrescriptionEvents.all(events), Clock.system(platform.zone()));
    }

    @Bean
    PharmacySettlement pharmacySettlement(PrescriptionCirculation circulation, MappingSource mappings,
                                          EnvelopeFactory envelopes, io.insurebridge.platform.msgid.MsgIdGenerator msgIds,
                                          @Qualifier("gatewayPlatformClient") PlatformClient client,
                                          PlatformCallLog calls, PrescriptionStore store, PlatformProperties platform) {
        PharmacySettlement settlement = new PharmacySettlement(mappings, envelopes, msgIds,
                new TracedPlatform(client, calls), store, circulation::sign, Clock.system(platform.zone()));
        circulation.settleWith(settlement);
        return settlement;
    }

    @Bean
    PrescriptionExpiry prescriptionExpiry(PrescriptionCirculation circulation) {
        return new PrescriptionExpiry(circulation);
    }

    @Bean
    PharmacyDeliveries pharmacyDeliveries(PrescriptionStore store, PlatformProperties platform,
                                          ConnectorRegistry connectors, org.apache.camel.CamelContext camel) {
        return new PharmacyDeliveries(store, Clock.system(platform.zone()), connectors, camel);
    }


    @Bean
    @ConditionalOnProperty(name = "insurebridge.roles.pharmacy-desk", havingValue = "true", matchIfMissing = true)
    PharmacyDesk pharmacyDesk(JdbcTemplate jdbc, SigningKeys keys, MappingSource mappings,
                              PrescriptionCirculation circulation, PlatformProperties platform) {
        return new PharmacyDesk(jdbc, keys, mappings, circulation, Clock.system(platform.zone()));
    }
}
