package io.insurebridge.fanout;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(FanoutProperties.class)
public class FanoutConfiguration {}
