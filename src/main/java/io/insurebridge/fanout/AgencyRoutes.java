package io.insurebridge.fanout;

import io.insurebridge.inbound.connector.ConnectorConfigException;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorTemplateParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Template parameters of the agency connector kinds (agency-http, agency-jms, agency-file, routes/agency-*.yaml):
 * each agency has its own durable subscription "agency-&lt;name&gt;" and the event types it chose.
 */
@Component
public class AgencyRoutes implements ConnectorTemplateParameters {
    private static final Logger log = LoggerFactory.getLogger(AgencyRoutes.class);
    static final List<String> KINDS = List.of(ConnectorKind.AGENCY_HTTP.name(), ConnectorKind.AGENCY_JMS.name(),
            ConnectorKind.AGENCY_FILE.name());

    private final FanoutProperties properties;

    public AgencyRoutes(FanoutProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean handles(String kind) {
        return KINDS.contains(kind);
    }

    /** Built by ConnectorRoutes like every kind (hot add/remove included); an agency adds its subscription. */
    @Override
    public Map<String, String> parameters(ConnectorDefinition c) {
        String events = String.join(",", events(c));
        log.info("Agency connector '{}' ({}) subscribes to {}", c.name(), c.kind(), events);
        return Map.of("topic", properties.topic(),
                "subscription", "agency-" + c.name(),
                "events", events,
                "timeoutMs", c.setting("timeout-ms", String.valueOf(properties.agencyHttpTimeoutMs())));
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
