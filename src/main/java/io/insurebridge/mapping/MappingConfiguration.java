package io.insurebridge.mapping;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the mapping layer's configuration; every property has a coded default so nothing is required. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CodeFormats.class, MappingProperties.class})
public class MappingConfiguration {

    @Bean
    public MappingLoader mappingLoader(CodeFormats formats) {
        return new MappingLoader(formats);
    }
}
