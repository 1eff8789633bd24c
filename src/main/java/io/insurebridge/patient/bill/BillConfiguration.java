package io.insurebridge.patient.bill;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;

/** Node-side bill wiring: issuer (hooked into the node's transactions), PDF renderer, verification codes. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BillProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class BillConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BillConfiguration.class);

    @Bean
    VerificationCodes billVerificationCodes(BillProperties properties, @Value("${insurebridge.data-dir}") Path dataDir) {
        return new VerificationCodes(properties, dataDir);
    }

    @Bean
    BillIssuer billIssuer(JdbcTemplate jdbc, BillStore store, VerificationCodes codes) {
        return new BillIssuer(jdbc, store, codes);
    }

    @Bean
    BillNodeHook billNodeHook(BillIssuer issuer) {
        return new BillNodeHook(issuer);
    }

    @Bean
    BillPdf billPdf(BillProperties properties) {
        BillPdf pdf = new BillPdf(Path.of(properties.fontPath()));
        if (!pdf.fontAvailable()) {
            log.warn("Electronic bills: CJK font {} not found, PDF bills are refused (JSON works); install "
                    + "fonts-wqy-zenhei or set insurebridge.patient.bill.font-path", properties.fontPath());
        }
        return pdf;
    }
}
