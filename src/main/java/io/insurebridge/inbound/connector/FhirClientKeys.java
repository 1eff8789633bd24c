package io.insurebridge.inbound.connector;

import javax.security.auth.x500.X500Principal;
import java.util.Map;

/** The credentials of a fhir-inbound connector file (auth.username, auth.password, auth.certificate-subject). */
public final class FhirClientKeys {

    private FhirClientKeys() {}

    public static String username(ConnectorDefinition c) {
        return auth(c).get("username");
    }

    public static String password(ConnectorDefinition c) {
        return auth(c).get("password");
    }

    /** The certificate subject in canonical form (so "CN=a, O=B" and "cn=a,o=b" are the same subject). */
    public static String certificateSubject(ConnectorDefinition c) {
        String subject = auth(c).get("certificate-subject");
        return subject == null ? null : canonical(subject);
    }

    public static String canonical(String subject) {
        return new X500Principal(subject).getName(X500Principal.CANONICAL);
    }

    /** The logins an enabled client can use (for the loader's uniqueness check); empty for other kinds. */
    static java.util.List<String> logins(ConnectorDefinition c) {
        if (!c.enabled() || !c.kind().equals(ConnectorKind.FHIR_INBOUND.name())) {
            return java.util.List.of();
        }
        java.util.List<String> logins = new java.util.ArrayList<>();
        if (username(c) != null) {
            logins.add("user:" + username(c));
        }
        if (certificateSubject(c) != null) {
            logins.add("subject:" + certificateSubject(c));
        }
        return logins;
    }

    private static Map<String, String> auth(ConnectorDefinition c) {
        Map<String, String> auth = new java.util.LinkedHashMap<>();
        if (c.settings().get("auth") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if (v != null) {
                    auth.put(String.valueOf(k), String.valueOf(v).trim());
                }
            });
        }
        return auth;
    }
}
