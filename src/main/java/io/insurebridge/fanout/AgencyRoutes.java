package io.insurebridge.fanout;

import io.insurebridge.inbound.connector.ConnectorConfigException;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Builds one route per enabled agency connector file (kinds agency-http, agency-jms, agency-file) from the route
 * template of its kind (routes/agency-*.yaml); each has its own durable subscription "agency-&lt;name&gt;".
 */
@Component
public class AgencyRoutes implements CamelContextConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AgencyRoutes.class);
    static final List<String> KINDS = List.of(ConnectorKind.AGENCY_HTTP.name(), ConnectorKind.AGENCY_JMS.name(),
            ConnectorKind.AGENCY_FILE.name());

    private final ConnectorRegistry registry;
    private final FanoutProperties properties;

    public AgencyRoutes(ConnectorRegistry registry, FanoutProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        // templates from routes/ are not loaded yet here
    }

    @Override
    public void afterApplicationStart(CamelContext context) {
        for (String kind : KINDS) {
            for (ConnectorDefinition c : registry.enabled(kind)) {
                add(context, c);
            }
        }
    }

    public static String routeId(ConnectorDefinition c) {
        return "agency-" + c.name();
    }

    private void add(CamelContext context, ConnectorDefinition c) {
        String events = String.join(",", events(c));
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, c.kind())
                .routeId(routeId(c))
                .parameter("connectorName", c.name())
                .parameter("topic", properties.topic())
                .parameter("subscription", routeId(c))
                .parameter("events", events);
        switch (c.kind()) {
            case "agency-http" -> builder.parameter("url", c.setting("url", null))
                    .parameter("timeoutMs", c.setting("timeout-ms", String.valueOf(properties.agencyHttpTimeoutMs())));
            case "agency-jms" -> builder.parameter("queue", c.setting("queue", null));
            default -> builder.parameter("directory", c.setting("directory", null));
        }
        builder.add();
        log.info("Agency connector '{}' ({}) subscribes to {}", c.name(), c.kind(), events);
    }

    /** The file's events: a YAML list or a comma list of known event types. */
    static List<String> events(ConnectorDefinition c) {
        Object value = c.settings().get("events");
        Collection<?> raw = value instanceof Collection<?> list ? list : List.of(String.valueOf(value).split(","));
        List<String> out = new ArrayList<>();
        for (Object o : raw) {
            String e = String.valueOf(o).trim();
            if (e.isEmpty()) {
                continue;
            }
            if (!EventType.ALL.contains(e)) {
                throw new ConnectorConfigException(c.file(), "events", "'" + e + "' is not one of " + EventType.ALL);
            }
            out.add(e);
        }
        if (out.isEmpty()) {
            throw new ConnectorConfigException(c.file(), "events", "names no event type");
        }
        return out;
    }
}
