package io.insurebridge.inbound.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type, limits and meaning of every connector key: the loader checks values against them and the JSON Schema
 * (schemas/connector.schema.json) is generated from them, so the two cannot say different things. A key a kind
 * declares but that is not listed here is accepted as any value (a kind-specific setting).
 */
public final class ConnectorKeys {

    public enum Type { STRING, INTEGER, NUMBER, BOOLEAN, STRING_MAP, OBJECT }

    /**
     * @param pattern regular expression a string must match (null = any)
     * @param values  allowed values of a string (empty = any)
     * @param fields  for OBJECT: the allowed nested keys and their specs
     */
    public record Spec(String key, Type type, String description, Long min, Long max, String pattern,
                       List<String> values, Map<String, Spec> fields) {
    }

    public static final String INSTITUTION_PATTERN = "H[0-9]{11}";
    public static final String PHARMACY_PATTERN = "P[0-9]{11}";
    /** A Spring Security DelegatingPasswordEncoder value: {id}encoded. */
    public static final String ENCODED_PASSWORD_PATTERN = "\\{[A-Za-z0-9_-]+\\}.+";

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        add(str("kind", "connector kind; decides the route template", null));
        add(str("name", "connector name (default: file name without .yaml); letters, digits, . _ -",
                "[A-Za-z0-9._-]+"));
        add(bool("enabled", "false keeps the file but runs no route (default true)"));
        add(str("description", "free text", null));
        add(str("charset", "character set (listeners: used when MSH-18 is empty; senders: of the payload); default UTF-8",
                null));
        add(new Spec("tls", Type.OBJECT, "TLS: listeners need a keystore; senders use a truststore (and a keystore for mutual TLS)",
                null, null, null, List.of(), nested(
                        bool("enabled", "TLS on (default false)"),
                        str("keystore", "keystore resource (file:/path.p12, classpath:...)", null),
                        str("keystore-password", "keystore password", null),
                        str("truststore", "truststore resource", null),
                        str("truststore-password", "truststore password", null),
                        bool("client-auth", "listeners: require client certificates (mutual TLS)"))));
        add(str("institution", "designated institution code (H + 11 digits) this connector speaks for",
                INSTITUTION_PATTERN));
        add(str("pharmacy", "designated pharmacy code (P + 11 digits) this connector speaks for", PHARMACY_PATTERN));
        add(str("host", "listeners: address to bind (default 0.0.0.0); senders: host to connect to", null));
        add(integer("port", "TCP port", 1, 65535));
        add(integer("max-connections", "concurrent HIS connections of a listener (default 50)", 1, 10_000));
        add(integer("idle-timeout-seconds", "close an idle HIS connection after this (0 = never, default 600)", 0,
                86_400));
        add(new Spec("conventions", Type.STRING_MAP, "where this HIS puts which field: logical name -> HL7 path "
                + "(docs/hl7-conventions.md)", null, null, null, List.of(), Map.of()));
        add(str("directory", "folder to watch (inbound) or to write to (outbound)", null));
        add(str("include", "regular expression of the file names to pick up (default .*\\.hl7)", null));
        add(integer("poll-interval-ms", "how often the folder is scanned (default 1000)", 100, 3_600_000));
        add(integer("concurrency", "parallel consumers (default 1: in order)", 1, 64));
        add(new Spec("auth", Type.OBJECT, "credentials of the institution's FHIR client: HTTP Basic (username and "
                + "password) and/or the subject of its TLS client certificate", null, null, null, List.of(), nested(
                        str("username", "HTTP Basic user name (unique among FHIR clients)", "[A-Za-z0-9._@-]+"),
                        str("password", "Spring Security encoded password: {bcrypt}$2a$..., {pbkdf2}..., {noop}... "
                                + "(demo only)", ENCODED_PASSWORD_PATTERN),
                        str("certificate-subject", "subject DN of the client certificate (mutual TLS), e.g. "
                                + "CN=city-his,O=City Hospital", null))));
        add(str("source", "durable queue this sender consumes (default connector.<name>)", null));
        add(integer("max-retries", "redeliveries of a failed delivery before it goes to the dead letters (default 5)",
                0, 1000));
        add(integer("retry-delay-ms", "first redelivery delay (default 1000)", 0, 3_600_000));
        add(new Spec("backoff-multiplier", Type.NUMBER, "each redelivery waits this many times longer (default 2)",
                1L, 100L, null, List.of(), Map.of()));
        add(integer("max-retry-delay-ms", "longest redelivery delay (default 60000)", 0, 86_400_000));
        add(integer("ack-timeout-ms", "MLLP sender: wait this long for the ACK (default 30000)", 100, 600_000));
        add(integer("connect-timeout-ms", "MLLP sender: connect timeout (default 5000)", 100, 600_000));
        add(str("url", "http(s) URL to POST to", "https?://.+"));
        add(new Spec("headers", Type.STRING_MAP, "extra HTTP headers", null, null, null, List.of(), Map.of()));
        add(integer("timeout-ms", "answer timeout (default 30000)", 100, 600_000));
        add(str("queue", "JMS queue name", "[A-Za-z0-9._-]+"));
        add(str("file-name", "Camel file-language name of each written file "
                + "(default ${date:now:yyyyMMdd-HHmmssSSS}-${exchangeId}.json)", null));
        add(str("admdvs", "insurance division of the peer area (6 digits)", "[0-9]{6}"));
        add(str("signing-public-key", "peer node: PEM file of the SM2 public key its area signs prescriptions with",
                null));
        add(str("broker", "peer node: address of the peer's broker acceptor, tcp://host:port", "tcp://.+"));
    }

    private ConnectorKeys() {}

    public static Spec spec(String key) {
        return SPECS.get(key);
    }

    public static Map<String, Spec> all() {
        return java.util.Collections.unmodifiableMap(SPECS);
    }

    private static void add(Spec s) {
        SPECS.put(s.key(), s);
    }

    private static Map<String, Spec> nested(Spec... specs) {
        Map<String, Spec> m = new LinkedHashMap<>();
        for (Spec s : specs) {
            m.put(s.key(), s);
        }
        return m;
    }

    private static Spec str(String key, String description, String pattern) {
        return new Spec(key, Type.STRING, description, null, null, pattern, List.of(), Map.of());
    }

    private static Spec bool(String key, String description) {
        return new Spec(key, Type.BOOLEAN, description, null, null, null, List.of(), Map.of());
    }

    private static Spec integer(String key, String description, long min, long max) {
        return new Spec(key, Type.INTEGER, description, min, max, null, List.of(), Map.of());
    }
}
