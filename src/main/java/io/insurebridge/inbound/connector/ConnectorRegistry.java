package io.insurebridge.inbound.connector;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connectors declared in the connectors folder, validated when the application starts: a bad file stops
 * start-up with the loader's "file: key: why" message.
 */
@Component
public class ConnectorRegistry {

    private final Map<String, ConnectorDefinition> byName = new LinkedHashMap<>();

    public ConnectorRegistry(@Value("${insurebridge.connectors-dir:./connectors}") Path dir) {
        for (ConnectorDefinition c : new ConnectorLoader().load(dir)) {
            byName.put(c.name(), c);
        }
    }

    public ConnectorDefinition get(String name) {
        ConnectorDefinition c = byName.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no connector named " + name);
        }
        return c;
    }

    public List<ConnectorDefinition> all() {
        return List.copyOf(byName.values());
    }

    public List<ConnectorDefinition> enabled(String kind) {
        return byName.values().stream().filter(c -> c.enabled() && c.kind().equals(kind)).toList();
    }
}
