package io.insurebridge.inbound.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a connector file of one kind may and must say. Common keys (kind, name, enabled, description, tls,
 * charset) are allowed for every kind; each kind adds its own. A new kind is one more entry in {@link #ALL}.
 * Key types and limits for validation and the JSON Schema are in {@link ConnectorKeys}.
 *
 * @param listens true when the kind opens a port (ports must then be unique among enabled connectors)
 */
public record ConnectorKind(String name, Set<String> required, Set<String> optional, boolean listens) {

    public static final Set<String> COMMON = Set.of("kind", "name", "enabled", "description", "tls", "charset");

    /** Delivery keys of every outbound kind: where messages come from, retries with back-off, concurrency. */
    static final Set<String> DELIVERY = Set.of("institution", "pharmacy", "source", "max-retries", "retry-delay-ms",
            "backoff-multiplier", "max-retry-delay-ms", "concurrency");

    public static final ConnectorKind HL7_MLLP_INBOUND = new ConnectorKind(ConnectorDefinition.HL7_MLLP_INBOUND,
            Set.of("institution", "port"),
            Set.of("host", "max-connections", "idle-timeout-seconds", "conventions", "max-frame-bytes"), true);

    /** Agency endpoints subscribing to chosen event types of the fan-out topic (docs/fanout.md). */
    public static final ConnectorKind AGENCY_HTTP = new ConnectorKind("agency-http",
            Set.of("url", "events"), Set.of("timeout-ms"), false);
    public static final ConnectorKind AGENCY_JMS = new ConnectorKind("agency-jms",
            Set.of("queue", "events"), Set.of(), false);
    public static final ConnectorKind AGENCY_FILE = new ConnectorKind("agency-file",
            Set.of("directory", "events"), Set.of(), false);

    /** A designated pharmacy reached by HTTP POST of the signed prescription JSON (docs/circulation.md). */
    public static final ConnectorKind PHARMACY_HTTP = new ConnectorKind("pharmacy-http",
            Set.of("pharmacy", "url"), Set.of("timeout-seconds"), false);
    /** A designated pharmacy reading the signed prescription JSON from a queue of the broker. */
    public static final ConnectorKind PHARMACY_JMS = new ConnectorKind("pharmacy-jms",
            Set.of("pharmacy", "queue"), Set.of(), false);
    /** A designated pharmacy picking up signed prescription JSON files (<hi_rxno>.json) from a folder. */
    public static final ConnectorKind PHARMACY_FILE = new ConnectorKind("pharmacy-file",
            Set.of("pharmacy", "directory"), Set.of(), false);

    /** A designated pharmacy's HL7 listener: the prescription as RDS^O13 over MLLP (AA delivered, AE/AR refused). */
    public static final ConnectorKind PHARMACY_MLLP = new ConnectorKind("pharmacy-mllp",
            Set.of("pharmacy", "host", "port"), Set.of("ack-timeout-ms", "connect-timeout-ms"), false);

    /** HIS batch exports dropped in a folder: every message goes through the same intake as MLLP. */
    public static final ConnectorKind HL7_FILE_INBOUND = new ConnectorKind("hl7-file-inbound",
            Set.of("institution", "directory"),
            Set.of("include", "poll-interval-ms", "conventions"), false);

    /**
     * A FHIR R4 client of one institution: its credentials for /fhir (HTTP Basic and/or a client certificate);
     * served by the FHIR front door (no route of its own), which lets it submit for its own institution only.
     */
    public static final ConnectorKind FHIR_INBOUND = new ConnectorKind("fhir-inbound",
            Set.of("institution", "auth"), Set.of(), false);

    public static final ConnectorKind HL7_MLLP_OUTBOUND = new ConnectorKind("hl7-mllp-outbound",
            Set.of("host", "port"), union(DELIVERY, Set.of("ack-timeout-ms", "connect-timeout-ms")), false);

    public static final ConnectorKind HTTP_OUTBOUND = new ConnectorKind("http-outbound",
            Set.of("url"), union(DELIVERY, Set.of("headers", "timeout-ms")), false);

    public static final ConnectorKind JMS_OUTBOUND = new ConnectorKind("jms-outbound",
            Set.of("queue"), DELIVERY, false);

    public static final ConnectorKind FILE_OUTBOUND = new ConnectorKind("file-outbound",
            Set.of("directory"), union(DELIVERY, Set.of("file-name")), false);

    /** Settlement node of another area, reached through its broker (docs/cross-region.md). */
    public static final ConnectorKind PEER_NODE = new ConnectorKind("peer-node",
            Set.of("admdvs", "broker"), Set.of("url", "retry-delay-ms", "max-retry-delay-ms", "signing-public-key"), false);

    /** Every known kind, one line each; add new kinds here. */
    public static final Map<String, ConnectorKind> ALL = byName(
            HL7_MLLP_INBOUND,
            HL7_FILE_INBOUND,
            FHIR_INBOUND,
            HL7_MLLP_OUTBOUND,
            HTTP_OUTBOUND,
            JMS_OUTBOUND,
            FILE_OUTBOUND,
            PEER_NODE,
            PHARMACY_HTTP,
            PHARMACY_JMS,
            PHARMACY_FILE,
            PHARMACY_MLLP,
            AGENCY_HTTP,
            AGENCY_JMS,
            AGENCY_FILE);

    public boolean allows(String key) {
        return COMMON.contains(key) || required.contains(key) || optional.contains(key);
    }

    public Set<String> keys() {
        Set<String> keys = new java.util.TreeSet<>(COMMON);
        keys.addAll(required);
        keys.addAll(optional);
        return keys;
    }

    /** Outbound kinds consume a durable queue and deliver; they share the delivery keys. */
    public boolean delivers() {
        return optional.containsAll(DELIVERY);
    }

    private static Map<String, ConnectorKind> byName(ConnectorKind... kinds) {
        Map<String, ConnectorKind> map = new LinkedHashMap<>();
        for (ConnectorKind k : kinds) {
            map.put(k.name(), k);
        }
        return Collections.unmodifiableMap(map);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
