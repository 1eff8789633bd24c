package io.insurebridge.inbound.connector;

import java.util.Set;

/**
 * What a connector file of one kind may and must say. Common keys (kind, name, enabled, description, tls,
 * charset) are allowed for every kind; each kind adds its own. A new kind is one more entry in {@link #ALL}.
 *
 * @param listens true when the kind opens a port (ports must then be unique among enabled connectors)
 */
public record ConnectorKind(String name, Set<String> required, Set<String> optional, boolean listens) {

    public static final Set<String> COMMON = Set.of("kind", "name", "enabled", "description", "tls", "charset");

    public static final ConnectorKind HL7_MLLP_INBOUND = new ConnectorKind(ConnectorDefinition.HL7_MLLP_INBOUND,
            Set.of("institution", "port"),
            Set.of("host", "max-connections", "idle-timeout-seconds", "conventions", "max-frame-bytes"), true);

    /** Every known kind; add new kinds here. */
    public static final java.util.Map<String, ConnectorKind> ALL = java.util.Map.of(
            HL7_MLLP_INBOUND.name(), HL7_MLLP_INBOUND);

    public boolean allows(String key) {
        return COMMON.contains(key) || required.contains(key) || optional.contains(key);
    }

    public Set<String> keys() {
        Set<String> keys = new java.util.TreeSet<>(COMMON);
        keys.addAll(required);
        keys.addAll(optional);
        return keys;
    }
}
