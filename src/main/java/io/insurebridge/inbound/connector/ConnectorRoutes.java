package io.insurebridge.inbound.connector;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Builds one route per enabled connector file from the route template of its kind (routes/inbound-hl7-mllp.yaml),
 * once the YAML routes and templates are loaded.
 */
@Component
public class ConnectorRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectorRoutes.class);
    static final String MLLP_TEMPLATE = "inbound-hl7-mllp";
    /** Largest MLLP frame a listener buffers (connector key max-frame-bytes); a bigger one resets the connection. */
    static final int DEFAULT_MAX_FRAME_BYTES = 4 * 1024 * 1024;

    private final ConnectorRegistry registry;
    private final boolean listenersEnabled;

    public ConnectorRoutes(ConnectorRegistry registry,
                           @Value("${insurebridge.hl7.listeners-enabled:true}") boolean listenersEnabled) {
        this.registry = registry;
        this.listenersEnabled = listenersEnabled;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates from routes/ are not loaded yet here
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!listenersEnabled) {
            return;
        }
        for (ConnectorDefinition c : registry.enabled(ConnectorDefinition.HL7_MLLP_INBOUND)) {
            addMllpListener(camelContext, c);
        }
    }

    public static String routeId(ConnectorDefinition c) {
        return "inbound-hl7-" + c.name();
    }

    private void addMllpListener(CamelContext context, ConnectorDefinition c) {
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, MLLP_TEMPLATE)
                .routeId(routeId(c))
                .parameter("connectorName", c.name())
                .parameter("host", c.host())
                .parameter("port", String.valueOf(c.port()))
                .parameter("maxConnections", String.valueOf(c.maxConnections()))
                .parameter("idleTimeout", String.valueOf(c.idleTimeoutSeconds() * 1000L))
                .parameter("maxFrameBytes", c.setting("max-frame-bytes", String.valueOf(DEFAULT_MAX_FRAME_BYTES)));
        if (c.tls().enabled()) {
            String bean = "tls-" + c.name();
            context.getRegistry().bind(bean, sslContext(c.tls()));
            builder.parameter("sslContextParameters", "#" + bean);
        }
        builder.add();
        log.info("HL7 MLLP listener '{}' for {} on {}:{}{}", c.name(), c.institution(), c.host(), c.port(),
                c.tls().enabled() ? " (TLS)" : "");
    }

    static SSLContextParameters sslContext(ConnectorDefinition.Tls tls) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setResource(tls.keystore());
        keyStore.setPassword(tls.keystorePassword());
        KeyManagersParameters keyManagers = new KeyManagersParameters();
        keyManagers.setKeyStore(keyStore);
        keyManagers.setKeyPassword(tls.keystorePassword());
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setKeyManagers(keyManagers);
        if (tls.truststore() != null) {
            KeyStoreParameters trustStore = new KeyStoreParameters();
            trustStore.setResource(tls.truststore());
            trustStore.setPassword(tls.truststorePassword());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(trustStore);
            ssl.setTrustManagers(trust);
        }
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(tls.clientAuth() ? "REQUIRE" : "NONE");
        ssl.setServerParameters(server);
        return ssl;
    }
}
