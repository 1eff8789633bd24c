package io.insurebridge.inbound.connector.delivery;

import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Hands a message to an outbound connector: it is put on the connector's durable source queue, from which the
 * connector's route delivers it (with retries and back-off). The caller never waits for the counterpart.
 */
@Component
public class ConnectorOutbox {

    private final ConnectorRegistry registry;
    private final ProducerTemplate producer;

    public ConnectorOutbox(ConnectorRegistry registry, ProducerTemplate producer) {
        this.registry = registry;
        this.producer = producer;
    }

    public void send(String connector, String body, Map<String, Object> headers) {
        ConnectorDefinition c = registry.get(connector);
        ConnectorKind kind = ConnectorKind.ALL.get(c.kind());
        if (kind == null || !kind.delivers()) {
            throw new IllegalArgumentException("connector " + connector + " (" + c.kind() + ") does not deliver");
        }
        producer.sendBodyAndHeaders("jms:queue:" + sourceQueue(c), ExchangePattern.InOnly, body, headers);
    }

    public static String sourceQueue(ConnectorDefinition c) {
        return c.setting("source", "connector." + c.name());
    }
}
