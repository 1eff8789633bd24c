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
            Set.of("host", "max-connections", "idle-timeout-seconds", "conventions"), true);

    /** A designated pharmacy reached by HTTP POST of the signed prescription JSON (docs/circulation.md). */
    public static final ConnectorKind PHARMACY_HTTP = new ConnectorKind("pharmacy-http",
            Set.of("pharmacy", "url"), Set.of("timeout-seconds"), false);
    /** A designated pharmacy reading the signed prescription JSON from a queue of the broker. */
    public static final ConnectorKind PHARMACY_JMS = new ConnectorKind("pharmacy-jms",
            Set.of("pharmacy", "queue"), Set.of(), false);
    /** A designated pharmacy picking up signed prescription JSON files (<hi_rxno>.json) from a folder. */
    public static final ConnectorKind PHARMACY_FILE = new ConnectorKind("pharmacy-file",
            Set.of("pharmacy", "directory"), Set.of(), false);

    /** Every known kind; add new kinds here. */
    public static final java.util.Map<String, ConnectorKind> ALL = java.util.Map.of(
            HL7_MLLP_INBOUND.name(), HL7_MLLP_INBOUND,
            PHARMACY_HTTP.name(), PHARMACY_HTTP,
            PHARMACY_JMS.name(), PHARMACY_JMS,
            PHARMACY_FILE.name(), PHARMACY_FILE);

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
