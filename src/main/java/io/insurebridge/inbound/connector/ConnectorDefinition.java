package io.insurebridge.inbound.connector;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * One counterpart, declared by a file in connectors/. The kind decides which route template it instantiates.
 *
 * @param conventions optional per-hospital HL7 field conventions (logical name -> Terser path)
 * @param settings    every key of the file as written, for kind-specific keys
 */
public record ConnectorDefinition(String file, String name, String kind, boolean enabled, String institution,
                                  String host, int port, Charset charset, int maxConnections, int idleTimeoutSeconds,
                                  Tls tls, Map<String, String> conventions, Map<String, Object> settings) {

    /** A kind-specific key's value as text, or the default when absent. */
    public String setting(String key, String dflt) {
        Object v = settings.get(key);
        return v == null ? dflt : String.valueOf(v);
    }

    /** A whole-number kind-specific key, or the default when absent. */
    public long number(String key, long dflt) {
        Object v = settings.get(key);
        return v == null ? dflt : (v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim()));
    }

    /** A decimal kind-specific key, or the default when absent. */
    public double decimal(String key, double dflt) {
        Object v = settings.get(key);
        return v == null ? dflt : (v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v)));
    }

    /** A map-valued key (headers, ...) as text values; empty when absent. */
    public Map<String, String> map(String key) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        if (settings.get(key) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }

    public static final String HL7_MLLP_INBOUND = "hl7-mllp-inbound";

    /** TLS of a listener: keystore (PKCS12 or JKS) and, for mutual TLS, a truststore. */
    public record Tls(boolean enabled, String keystore, String keystorePassword, String truststore,
                      String truststorePassword, boolean clientAuth) {
        public static final Tls OFF = new Tls(false, null, null, null, null, false);
    }
}
