package io.insurebridge.crossregion;

import io.insurebridge.InsureBridgeApplication;
import io.insurebridge.support.AppTestSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two settlement nodes in one test JVM, each a Spring Boot application of its own: own embedded Artemis with a TCP
 * acceptor on loopback, own Hazelcast member (own cluster name, no discovery), own H2 file database and data
 * folder, own mappings holding only its own area's insured persons, and a peer-node connector file to the other.
 */
final class PeerNodes {
    static final String EAST = "330100";
    static final String WEST = "510100";

    /** One node: its folder, ports and (while running) its application context. */
    static final class Node {
        final String name;
        final String admdvs;
        final Path base;
        final int brokerPort;
        final Integer mllpPort;
        /** set for mutual TLS between the nodes: this node's key store and the trust store of both certificates */
        Path keystore;
        Path truststore;
        ConfigurableApplicationContext context;

        Node(String name, String admdvs, Integer mllpPort) {
            this.name = name;
            this.admdvs = admdvs;
            this.mllpPort = mllpPort;
            this.brokerPort = AppTestSupport.freePort();
            try {
                this.base = Files.createTempDirectory("insurebridge-xr-" + name + "-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        <T> T bean(Class<T> type) {
            return context.getBean(type);
        }

        int httpPort() {
            return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        void stop() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    private PeerNodes() {}

    /** Prepares the folders of a node whose peer is {@code peer} (call for both before starting either). */
    static void prepare(Node node, Node peer) throws IOException {
        Path mappings = Files.createDirectories(node.base.resolve("mappings"));
        try (var files = Files.list(Path.of("mappings"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, mappings.resolve(f.getFileName()));
            }
        }
        // each node knows only the persons insured in its own area (persons.csv column insuplc_admdvs)
        List<String> lines = Files.readAllLines(mappings.resolve("persons.csv"));
        int col = List.of(lines.get(0).split(",")).indexOf("insuplc_admdvs");
        Files.write(mappings.resolve("persons.csv"), lines.stream()
                .filter(l -> l.startsWith("psn_no") || l.split(",", -1)[col].equals(node.admdvs))
                .collect(Collectors.toList()));
        Path connectors = Files.createDirectories(node.base.resolve("connectors"));
        if (node.mllpPort != null) {
            Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                    kind: hl7-mllp-inbound
                    name: demo-hospital
                    institution: H33010000001
                    host: 127.0.0.1
                    port: %d
                    charset: UTF-8
                    """.formatted(node.mllpPort));
        }
        Files.writeString(connectors.resolve("peer-" + peer.admdvs + ".yaml"), """
                kind: peer-node
                admdvs: "%s"
                broker: tcp://127.0.0.1:%d
                retry-delay-ms: 200
                max-retry-delay-ms: 2000
                """.formatted(peer.admdvs, peer.brokerPort) + (node.keystore == null ? "" : """
                tls:
                  enabled: true
                  truststore: %s
                  truststore-password: changeit
                  keystore: %s
                  keystore-password: changeit
                """.formatted(node.truststore, node.keystore)));
        String hazelcast = Files.readString(Path.of("src/main/resources/hazelcast.yaml"))
                .replace("cluster-name: insurebridge", "cluster-name: insurebridge-xr-" + node.name + "-"
                        + System.nanoTime());
        Files.writeString(node.base.resolve("hazelcast.yaml"), hazelcast);
    }

    static void start(Node node) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", "0");
        p.put("insurebridge.data-dir", node.base.resolve("data").toString());
        p.put("insurebridge.mappings-dir", node.base.resolve("mappings").toString());
        p.put("insurebridge.connectors-dir", node.base.resolve("connectors").toString());
        p.put("insurebridge.node.admdvs", node.admdvs);
        p.put("insurebridge.broker.acceptor-url", "tcp://127.0.0.1:" + node.brokerPort + (node.keystore == null ? ""
                : "?sslEnabled=true&needClientAuth=true&keyStorePath=" + node.keystore + "&keyStorePassword=changeit"
                + "&trustStorePath=" + node.truststore + "&trustStorePassword=changeit"));
        p.put("spring.hazelcast.config", "file:" + node.base.resolve("hazelcast.yaml"));
        // the gateway gives up first (HIS told "pending"), the node's wait for the peer a little later
        p.put("insurebridge.platform.timeout", "6s");
        p.put("insurebridge.crossregion.answer-wait", "8s");
        p.put("insurebridge.hl7.reply-timeout", "60s");
        p.put("insurebridge.connectors.hot-reload", "false");
        p.put("insurebridge.mapping.hot-reload", "false");
        // as command-line arguments: they win over application.yml (default properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        node.context = new SpringApplicationBuilder(InsureBridgeApplication.class).run(args);
    }
}
