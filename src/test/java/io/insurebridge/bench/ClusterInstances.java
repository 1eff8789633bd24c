package io.insurebridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * N instances of the product, each in its own JVM on loopback with the {@code cluster} profile: own HTTP, MLLP,
 * Artemis and Hazelcast ports and data dir; one symmetric Artemis cluster (or, with {@link #useBrokerTier}, one broker
 * tier the instances are clients of), one Hazelcast cluster and one PostgreSQL schema shared by all
 * (docs/deployment.md). Used by the cluster tests and by the bench's {@code --instances}.
 */
public final class ClusterInstances implements AutoCloseable {

    public static final String CLUSTER_PASSWORD = "bench-cluster-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(600);

    /** One instance's ports. */
    public record Ports(int http, int mllp, int artemis, int hazelcast) {}

    /** A PostgreSQL schema of its own on a given server. */
    public record Database(String serverUrl, String user, String password, String schema) {
        public String url() {
            return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), user, password);
        }

        /** A fresh, empty schema (Flyway of the first instance creates the tables). */
        public static Database fresh(String serverUrl, String user, String password, String prefix) {
            String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(serverUrl, user, password);
                 Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create schema on " + serverUrl + ": " + e.getMessage(), e);
            }
            return new Database(serverUrl, user, password, schema);
        }
    }

    private final Path work;
    private final String classpath;
    private final List<String> jvmArgs;
    private final Path routes;
    private final Path mappings;
    private final Database database;
    private final List<Ports> ports = new ArrayList<>();
    private final List<String> extraArgs;
    private final ServerProcess[] processes;
    private final int[] starts;
    /** The broker tier's client URL, or null: each instance's embedded broker joins the symmetric cluster. */
    private String brokerTierUrl;

    public ClusterInstances(int count, Path work, String classpath, List<String> jvmArgs, Path routes, Path mappings,
                            Database database, List<String> extraArgs) {
        this.work = work;
        this.classpath = classpath;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.routes = routes;
        this.mappings = mappings;
        this.database = database;
        this.extraArgs = List.copyOf(extraArgs);
        for (int i = 0; i < count; i++) {
            ports.add(new Ports(freePort(), freePort(), freePort(), freePort()));
        }
        this.processes = new ServerProcess[count];
        this.starts = new int[count];
    }

    /**
     * Makes the instances clients of a broker tier (profile {@code broker-tier}) instead of running brokers of their
     * own: call before {@link #startAll()}.
     */
    public ClusterInstances useBrokerTier(String clientUrl) {
        this.brokerTierUrl = clientUrl;
        return this;
    }

    public int size() {
        return ports.size();
    }

    public Ports ports(int i) {
        return ports.get(i);
    }

    public ServerProcess process(int i) {
        return processes[i];
    }

    public Database database() {
        return database;
    }

    /** Starts the instances one after the other (each joins the Hazelcast cluster the first one formed). */
    public void startAll() throws Exception {
        for (int i = 0; i < size(); i++) {
            start(i);
        }
    }

    /** Starts (or restarts, on the same data dir and ports) instance i and waits until it serves. */
    public void start(int i) throws Exception {
        Path dir = Files.createDirectories(work.resolve("instance-" + (i + 1)));
        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                charset: UTF-8
                """.formatted(ports(i).mllp()));
        String name = "instance-" + (i + 1) + (starts[i] == 0 ? "" : "-restart-" + starts[i]);
        starts[i]++;
        ServerProcess server = ServerProcess.start(name, classpath, jvmArgs, "io.insurebridge.InsureBridgeApplication",
                args(i, dir, connectors), dir);
        processes[i] = server;
        try {
            server.awaitHealthy(ports(i).http(), START_TIMEOUT);
            server.awaitPort(ports(i).mllp(), START_TIMEOUT);
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException(e.getMessage() + "\n" + tail(server.log(), 60), e);
        }
    }

    /** SIGKILL of instance i (Process.destroyForcibly): no graceful stop of its broker or Hazelcast member. */
    public void kill(int i) throws InterruptedException {
        processes[i].kill();
    }

    private List<String> args(int i, Path dir, Path connectors) {
        Ports own = ports(i);
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=cluster" + (brokerTierUrl == null ? "" : ",broker-tier"),
                "--server.port=" + own.http(),
                "--insurebridge.data-dir=" + dir.resolve("data"),
                "--insurebridge.connectors-dir=" + connectors,
                "--insurebridge.routes-dir=" + routes,
                "--insurebridge.mappings-dir=" + mappings,
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.flyway.schemas=" + database.schema(),
                "--insurebridge.hazelcast.port=" + own.hazelcast(),
                "--insurebridge.hazelcast.interfaces[0]=127.0.0.1",
                "--insurebridge.hazelcast.cluster-name=bench-" + database.schema(),
                // membership changes ("Members {size:2, ...}") are what the instance-loss test reads
                "--logging.level.com.hazelcast.internal.cluster=INFO"));
        if (brokerTierUrl != null) {
            args.add("--spring.artemis.broker-url=" + brokerTierUrl);
            args.add("--spring.artemis.password=" + BrokerTierProcesses.PASSWORD);
        } else {
            args.add("--insurebridge.broker.acceptor-url=tcp://127.0.0.1:" + own.artemis());
            args.add("--insurebridge.broker.cluster.connector-url=tcp://127.0.0.1:" + own.artemis());
            args.add("--insurebridge.broker.cluster.password=" + CLUSTER_PASSWORD);
        }
        int peer = 0;
        for (int j = 0; j < size(); j++) {
            args.add("--insurebridge.hazelcast.members[" + j + "]=127.0.0.1:" + ports(j).hazelcast());
            if (j != i && brokerTierUrl == null) {
                args.add("--insurebridge.broker.cluster.peers[" + peer++ + "]=tcp://127.0.0.1:" + ports(j).artemis());
            }
        }
        args.addAll(extraArgs);
        return args;
    }

    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (ServerProcess p : processes) {
            if (p != null && p.alive()) {
                p.close();
            }
        }
    }
}
