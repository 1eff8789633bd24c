package io.insurebridge.inbound.connector;

import java.time.Instant;

/** One row of GET /api/connectors. */
public record ConnectorStatus(String name, String file, String kind, String institution, String pharmacy,
                              boolean enabled, ConnectorState state, String routeId, String detail,
                              long received, long accepted, long rejected, long delivered, long errors,
                              String lastError, Instant lastErrorAt) {

    static ConnectorStatus of(ConnectorDefinition c, ConnectorState state, String routeId, String detail,
                              ConnectorCounters.Snapshot n) {
        return new ConnectorStatus(c.name(), c.file(), c.kind(), c.institution(), c.setting("pharmacy", null),
                c.enabled(), state, routeId, detail, n.received(), n.accepted(), n.rejected(), n.delivered(),
                n.errors(), n.lastError(), n.lastErrorAt());
    }
}
