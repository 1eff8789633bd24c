package io.insurebridge.patient.voucher;

import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.SigningProperties;
import io.insurebridge.settlement.NodeProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Node-side e-voucher wiring: the voucher signing key (its own SM2 pair, generated once into
 * {@code <data-dir>/evoucher/keys} unless insurebridge.patient.voucher-keys.* names PEM files), issuer, verifier, hook.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoucherProperties.class)
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class VoucherConfiguration {

    @Bean
    VoucherKeys voucherKeys(@Value("${insurebridge.patient.voucher-keys.private-key:}") String privateKey,
                            @Value("${insurebridge.patient.voucher-keys.public-key:}") String publicKey,
                            @Value("${insurebridge.patient.voucher-keys.trusted-keys-dir:}") String trustedDir,
                            @Value("${insurebridge.data-dir}") Path dataDir) {
        return new VoucherKeys(new SigningKeys(new SigningProperties(privateKey, publicKey, trustedDir),
                dataDir.resolve("evoucher")));
    }

    @Bean
    VoucherIssuer voucherIssuer(VoucherKeys keys, NodeProperties node, VoucherProperties properties) {
        return new VoucherIssuer(keys.keys(), node.admdvs(), properties, Clock.systemUTC());
    }

    @Bean
    VoucherVerifier voucherVerifier(VoucherKeys keys, VoucherProperties properties) {
        return new VoucherVerifier(keys.keys(), properties);
    }

    @Bean
    VoucherNodeHook voucherNodeHook(VoucherVerifier verifier, VoucherUses uses, VoucherProperties properties) {
        return new VoucherNodeHook(verifier, uses, properties);
    }

    /** A wrapper type, so the voucher key pair is never injected where the institution's signing key is meant. */
    public record VoucherKeys(SigningKeys keys) {}
}
