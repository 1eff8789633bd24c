package io.insurebridge.console;

import io.insurebridge.inbound.connector.ConnectorRegistry;
import io.insurebridge.inbound.connector.ConnectorRoutes;
import io.insurebridge.inbound.connector.ConnectorStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The connectors in force with their state and counters, and the files the last read refused. */
@RestController
@RequestMapping("/api/connectors")
public class ConnectorController {

    private final ConnectorRoutes routes;
    private final ConnectorRegistry registry;

    public ConnectorController(ConnectorRoutes routes, ConnectorRegistry registry) {
        this.routes = routes;
        this.registry = registry;
    }

    @GetMapping
    public Map<String, Object> list() {
        return Map.of("directory", registry.directory().toString(), "connectors", routes.status(),
                "refused", registry.refused());
    }

    /** Read the folder now instead of waiting for the next poll. */
    @PostMapping("/reload")
    public Map<String, Object> reload() {
        ConnectorRegistry.Changes changes = routes.reload();
        return Map.of("added", names(changes.added()), "changed",
                changes.changed().stream().map(p -> p[1].name()).toList(), "removed", names(changes.removed()),
                "refused", registry.refused());
    }

    private static List<String> names(List<io.insurebridge.inbound.connector.ConnectorDefinition> list) {
        return list.stream().map(c -> c.name()).toList();
    }

}
