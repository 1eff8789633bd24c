package io.insurebridge.circulation;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route per enabled pharmacy connector file, from the route template of its kind (routes/pharmacy-connectors.yaml).
 * Each route consumes direct:pharmacy-&lt;connector name&gt;, which the circulation route feeds.
 */
public class PharmacyConnectorRoutes implements CamelContextConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PharmacyConnectorRoutes.class);
    private final PharmacyTargets targets;

    public PharmacyConnectorRoutes(PharmacyTargets targets) {
        this.targets = targets;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates from routes/ are not loaded yet here
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        for (ConnectorDefinition c : targets.connected()) {
            TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, c.kind())
                    .routeId("pharmacy-" + c.name())
                    .parameter("connectorName", c.name());
            switch (c.kind()) {
                case "pharmacy-http" -> builder.parameter("url", c.setting("url", null))
                        .parameter("timeoutSeconds", c.setting("timeout-seconds", "30"));
                case "pharmacy-jms" -> builder.parameter("queue", c.setting("queue", null));
                case "pharmacy-file" -> builder.parameter("directory", c.setting("directory", null));
                default -> throw new IllegalStateException("no route template for kind " + c.kind());
            }
            builder.add();
            log.info("pharmacy connector '{}' ({}) for {}", c.name(), c.kind(), PharmacyTargets.pharmacyOf(c));
        }
    }
}
