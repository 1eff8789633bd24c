package io.insurebridge.inbound.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads and validates every connector file (*.yaml / *.yml) of the connectors folder. A bad file stops the load
 * with "file: key 'k': why" so an engineer knows exactly what to fix.
 */
public class ConnectorLoader {

    private static final Set<String> TLS_KEYS = Set.of("enabled", "keystore", "keystore-password", "truststore",
            "truststore-password", "client-auth");
    private static final Pattern INSTITUTION = Pattern.compile("H\\d{11}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public List<ConnectorDefinition> load(Path dir) {
        Scan scan = scan(dir);
        if (!scan.errors().isEmpty()) {
            throw scan.errors().values().iterator().next();
        }
        return scan.connectors();
    }

    /**
     * Every file of the folder, each on its own: the good ones and, per file name, why a bad one was refused.
     * Used by hot reload (one bad file must not stop the others) and by the offline validator (all errors).
     */
    public Scan scan(Path dir) {
        List<ConnectorDefinition> result = new ArrayList<>();
        Map<String, ConnectorConfigException> errors = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return new Scan(result, errors);
        }
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        Set<String> logins = new HashSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(ConnectorLoader::isConnectorFile).sorted().toList()) {
                String shown = file.getFileName().toString();
                try {
                    ConnectorDefinition c = parse(file);
                    if (!names.add(c.name())) {
                        throw new ConnectorConfigException(shown, "name", "'" + c.name() + "' is used by another file");
                    }
                    if (c.enabled() && ConnectorKind.ALL.get(c.kind()).listens() && !ports.add(c.port())) {
                        throw new ConnectorConfigException(shown, "port", c.port() + " is used by another connector");
                    }
                    if (!FhirClientKeys.logins(c).stream().allMatch(logins::add)) {
                        throw new ConnectorConfigException(shown, "auth", "username or certificate-subject is "
                                + "used by another FHIR client");
                    }
                    result.add(c);
                } catch (ConnectorConfigException e) {
                    errors.put(shown, e);
                }
            }
        } catch (IOException e) {
            throw new ConnectorConfigException("cannot read " + dir + ": " + e.getMessage(), e);
        }
        return new Scan(List.copyOf(result), errors);
    }

    /** The outcome of reading a folder: usable connectors and refused files (file name -> why). */
    public record Scan(List<ConnectorDefinition> connectors, Map<String, ConnectorConfigException> errors) {}

    public static boolean isConnectorFile(Path p) {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
    }

    /** Reads and checks one connector file on its own (no cross-file checks). */
    @SuppressWarnings("unchecked")
    public ConnectorDefinition parse(Path file) {
        String shown = file.getFileName().toString();
        Map<String, Object> map;
        try {
            map = YAML.readValue(file.toFile(), LinkedHashMap.class);
        } catch (IOException e) {
            throw new ConnectorConfigException(shown + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        if (map == null) {
            throw new ConnectorConfigException(shown, "kind", "file is empty");
        }
        String kind = string(map, "kind", shown, true);
        ConnectorKind spec = ConnectorKind.ALL.get(kind);
        if (spec == null) {
            throw new ConnectorConfigException(shown, "kind", "'" + kind + "' is not a known kind "
                    + new java.util.TreeSet<>(ConnectorKind.ALL.keySet()));
        }
        for (String key : map.keySet()) {
            if (!spec.allows(key)) {
                throw new ConnectorConfigException(shown, key, "unknown key for kind " + kind + " (known: "
                        + spec.keys() + ")");
            }
        }
        for (String key : spec.required()) {
            if (map.get(key) == null || String.valueOf(map.get(key)).isBlank()) {
                throw new ConnectorConfigException(shown, key, "is required for kind " + kind);
            }
        }
        String defaultName = shown.replaceAll("\\.ya?ml$", "");
        String name = map.containsKey("name") ? string(map, "name", shown, true) : defaultName;
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ConnectorConfigException(shown, "name", "only letters, digits, '.', '_' and '-' are allowed");
        }
        boolean enabled = bool(map, "enabled", shown, true);
        String institution = string(map, "institution", shown, false);
        if (institution != null && !INSTITUTION.matcher(institution).matches()) {
            throw new ConnectorConfigException(shown, "institution",
                    "'" + institution + "' is not an institution code (H + 11 digits)");
        }
        // the pharmacy code's format is checked with the other typed keys (ConnectorKeys)
        String host = map.containsKey("host") ? string(map, "host", shown, true) : "0.0.0.0";
        int port = integer(map, "port", shown, 0);
        if (map.containsKey("port") && (port < 1 || port > 65535)) {
            throw new ConnectorConfigException(shown, "port", "must be a number from 1 to 65535");
        }
        Charset charset;
        String charsetName = map.containsKey("charset") ? string(map, "charset", shown, true) : "UTF-8";
        try {
            charset = Charset.forName(charsetName);
        } catch (RuntimeException e) {
            throw new ConnectorConfigException(shown, "charset", "'" + charsetName + "' is not a known charset");
        }
        int maxConnections = integer(map, "max-connections", shown, 50);
        if (maxConnections < 1) {
            throw new ConnectorConfigException(shown, "max-connections", "must be at least 1");
        }
        int idle = integer(map, "idle-timeout-seconds", shown, 600);
        if (idle < 0) {
            throw new ConnectorConfigException(shown, "idle-timeout-seconds", "must be 0 (none) or more");
        }
        if (map.containsKey("max-frame-bytes") && integer(map, "max-frame-bytes", shown, 0) < 1024) {
            throw new ConnectorConfigException(shown, "max-frame-bytes", "must be at least 1024");
        }
        ConnectorDefinition.Tls tls = tls(map.get("tls"), shown, kind.endsWith("-inbound"));
        Map<String, String> conventions = new LinkedHashMap<>();
        Object conv = map.get("conventions");
        Map<String, Object> settings = new LinkedHashMap<>(map);
        if (conv != null) {
            if (!(conv instanceof Map<?, ?> cm)) {
                throw new ConnectorConfigException(shown, "conventions", "must be a map of field name -> HL7 path");
            }
            cm.forEach((k, v) -> conventions.put(String.valueOf(k), String.valueOf(v)));
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            ConnectorValues.check(shown, e.getKey(), e.getValue(), ConnectorKeys.spec(e.getKey()));
        }
        ConnectorValues.checkKind(shown, spec, map);
        return new ConnectorDefinition(shown, name, kind, enabled, institution, host, port, charset, maxConnections,
                idle, tls, Map.copyOf(conventions), java.util.Collections.unmodifiableMap(settings));
    }

    @SuppressWarnings("unchecked")
    /** A listener needs its own key (keystore); a sender needs only to trust the counterpart (truststore). */
    private static ConnectorDefinition.Tls tls(Object value, String shown, boolean listener) {
        if (value == null) {
            return ConnectorDefinition.Tls.OFF;
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new ConnectorConfigException(shown, "tls", "must be a map (enabled, keystore, keystore-password, ...)");
        }
        Map<String, Object> t = (Map<String, Object>) value;
        for (String key : t.keySet()) {
            if (!TLS_KEYS.contains(key)) {
                throw new ConnectorConfigException(shown, "tls." + key, "unknown key (known: " + TLS_KEYS + ")");
            }
        }
        boolean enabled = bool(t, "enabled", shown + " tls", false);
        String keystore = t.get("keystore") == null ? null : String.valueOf(t.get("keystore"));
        if (enabled && listener && (keystore == null || keystore.isBlank())) {
            throw new ConnectorConfigException(shown, "tls.keystore", "is required when tls.enabled is true");
        }
        return new ConnectorDefinition.Tls(enabled, keystore, str(t.get("keystore-password")),
                str(t.get("truststore")), str(t.get("truststore-password")),
                Boolean.parseBoolean(String.valueOf(t.getOrDefault("client-auth", "false"))));
    }

    private static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    private static String string(Map<String, Object> map, String key, String file, boolean required) {
        Object v = map.get(key);
        if (v == null || String.valueOf(v).isBlank()) {
            if (required) {
                throw new ConnectorConfigException(file, key, "is required");
            }
            return null;
        }
        return String.valueOf(v).trim();
    }

    private static boolean bool(Map<String, Object> map, String key, String file, boolean dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ConnectorConfigException(file, key, "must be true or false");
    }

    private static int integer(Map<String, Object> map, String key, String file, int dflt) {
        Object v = map.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new ConnectorConfigException(file, key, "'" + v + "' is not a whole number");
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n", 2)[0];
    }
}
