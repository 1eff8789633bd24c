package io.insurebridge.inbound.connector;

import java.util.Map;
import java.util.regex.Pattern;

/** Checks one value of a connector file against its {@link ConnectorKeys.Spec}; errors name file, key and why. */
final class ConnectorValues {

    private ConnectorValues() {}

    static void check(String file, String key, Object value, ConnectorKeys.Spec spec) {
        if (spec == null || value == null) {
            return;   // a kind-specific key without a spec: any value
        }
        switch (spec.type()) {
            case STRING -> {
                if (value instanceof Map<?, ?> || value instanceof java.util.List<?>) {
                    throw new ConnectorConfigException(file, key, "must be a single value, not a list or map");
                }
                String text = String.valueOf(value).trim();
                if (spec.pattern() != null && !Pattern.compile(spec.pattern()).matcher(text).matches()) {
                    // a secret is never repeated in an error message (it reaches logs and the API)
                    throw new ConnectorConfigException(file, key, (key.endsWith("password") ? "the value"
                            : "'" + text + "'") + " does not match " + spec.pattern());
                }
                if (!spec.values().isEmpty() && !spec.values().contains(text)) {
                    throw new ConnectorConfigException(file, key, "'" + text + "' is not one of " + spec.values());
                }
            }
            case INTEGER -> range(file, key, value, spec, true);
            case NUMBER -> range(file, key, value, spec, false);
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw new ConnectorConfigException(file, key, "must be true or false");
                }
            }
            case STRING_MAP -> {
                if (!(value instanceof Map<?, ?> m)) {
                    throw new ConnectorConfigException(file, key, "must be a map of name: value");
                }
                m.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> || v instanceof java.util.List<?>) {
                        throw new ConnectorConfigException(file, key + "." + k, "must be a single value");
                    }
                });
            }
            case OBJECT -> {
                if (!(value instanceof Map<?, ?> m)) {
                    throw new ConnectorConfigException(file, key, "must be a map (" + spec.fields().keySet() + ")");
                }
                m.forEach((k, v) -> {
                    ConnectorKeys.Spec field = spec.fields().get(String.valueOf(k));
                    if (field == null) {
                        throw new ConnectorConfigException(file, key + "." + k, "unknown key (known: "
                                + spec.fields().keySet() + ")");
                    }
                    check(file, key + "." + k, v, field);
                });
            }
        }
    }

    /** Rules that involve more than one key of a kind. */
    static void checkKind(String file, ConnectorKind kind, Map<String, Object> map) {
        if (map.get("auth") instanceof Map<?, ?> auth) {
            boolean basic = auth.get("username") != null || auth.get("password") != null;
            if (basic && (auth.get("username") == null || auth.get("password") == null)) {
                throw new ConnectorConfigException(file, auth.get("username") == null ? "auth.username"
                        : "auth.password", "HTTP Basic needs both username and password");
            }
            if (!basic && auth.get("certificate-subject") == null) {
                throw new ConnectorConfigException(file, "auth", "give username and password, or "
                        + "certificate-subject, or both");
            }
            if (auth.get("certificate-subject") != null) {
                try {
                    new javax.security.auth.x500.X500Principal(String.valueOf(auth.get("certificate-subject")));
                } catch (IllegalArgumentException e) {
                    throw new ConnectorConfigException(file, "auth.certificate-subject", "not a distinguished "
                            + "name (CN=...,O=...): " + e.getMessage());
                }
            }
        }
        if (kind.delivers() && map.get("institution") != null && map.get("pharmacy") != null) {
            throw new ConnectorConfigException(file, "pharmacy", "give either institution or pharmacy, not both");
        }
        if ("jms".equals(map.get("transport")) && map.get("queue") == null) {
            throw new ConnectorConfigException(file, "queue", "is required when transport is jms");
        }
    }

    private static void range(String file, String key, Object value, ConnectorKeys.Spec spec, boolean whole) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else {
            try {
                number = Double.parseDouble(String.valueOf(value).trim());
            } catch (NumberFormatException e) {
                throw new ConnectorConfigException(file, key, "'" + value + "' is not a " + (whole ? "whole " : "")
                        + "number");
            }
        }
        if (whole && number != Math.rint(number)) {
            throw new ConnectorConfigException(file, key, "'" + value + "' is not a whole number");
        }
        if ((spec.min() != null && number < spec.min()) || (spec.max() != null && number > spec.max())) {
            throw new ConnectorConfigException(file, key, "must be a number from " + spec.min() + " to " + spec.max());
        }
    }
}
