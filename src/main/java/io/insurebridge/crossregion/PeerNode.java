package io.insurebridge.crossregion;

import io.insurebridge.inbound.connector.ConnectorDefinition;

/**
 * A peer settlement node (connector file of kind peer-node): its area code and the address of its broker's
 * network acceptor (tcp://host:port), with the TLS material to reach it.
 */
public record PeerNode(String name, String admdvs, String broker, ConnectorDefinition.Tls tls) {

    static PeerNode of(ConnectorDefinition c) {
        return new PeerNode(c.name(), c.setting("admdvs", null), c.setting("broker", null), c.tls());
    }

    /** The Artemis URL with the TLS parameters of the connector file (mutual TLS when a keystore is given). */
    public String brokerUrl() {
        StringBuilder url = new StringBuilder(broker);
        String sep = broker.contains("?") ? "&" : "?";
        // fail fast while the peer is unreachable: the message stays on the local queue and is retried
        url.append(sep).append("callTimeout=10000&initialConnectAttempts=1&reconnectAttempts=0");
        if (tls != null && tls.enabled()) {
            url.append("&sslEnabled=true");
            if (tls.truststore() != null) {
                url.append("&trustStorePath=").append(path(tls.truststore()))
                        .append("&trustStorePassword=").append(tls.truststorePassword());
            }
            if (tls.keystore() != null) {
                url.append("&keyStorePath=").append(path(tls.keystore()))
                        .append("&keyStorePassword=").append(tls.keystorePassword());
            }
        }
        return url.toString();
    }

    private static String path(String resource) {
        return resource.startsWith("file:") ? resource.substring("file:".length()) : resource;
    }
}
