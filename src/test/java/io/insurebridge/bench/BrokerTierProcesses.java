package io.insurebridge.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The broker tier of docs/deployment.md as real processes on loopback: {@code java ... InsureBridgeApplication broker}
 * twice, a primary and its backup, with a shared store (one journal directory) or replication (one each). The
 * instances and test clients reach them through {@link #clientUrl()}, which fails over from one to the other.
 */
public final class BrokerTierProcesses implements AutoCloseable {

    public static final String USER = "insurebridge-cluster";
    public static final String PASSWORD = "broker-tier-secret";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    /** How the pair keeps its journal. */
    public enum Store { SHARED_STORE, REPLICATION }

    private final Path work;
    private final String classpath;
    private final Store store;
    private final int[] ports = {freePort(), freePort()};
    private final ServerProcess[] processes = new ServerProcess[2];
    private final int[] starts = new int[2];

    public BrokerTierProcesses(Path work, String classpath, Store store) {
        this.work = work;
        this.classpath = classpath;
        this.store = store;
    }

    /** Both brokers: ha=true, so a client follows the pair's topology and fails over to whichever is active. */
    public String clientUrl() {
        return "(tcp://127.0.0.1:" + ports[0] + ",tcp://127.0.0.1:" + ports[1]
                + ")?ha=true&reconnectAttempts=-1&retryInterval=200&maxRetryInterval=2000";
    }

    /** Starts the primary, waits until it is active, then the backup, and waits until the backup is in place. */
    public void startPair() throws Exception {
        start(0);
        awaitLog(0, "broker tier: broker active");
        start(1);
        awaitLog(1, "broker tier: broker waiting as backup");
        awaitLog(1, "AMQ221031");   // "backup announced": the primary tells its clients where to fail over to
        if (store == Store.REPLICATION) {
            awaitLog(1, "AMQ221024");   // "Backup server ... is synchronized with active-server"
        }
    }

    /** Starts (or restarts on the same directory) broker i: 0 = primary, 1 = backup. */
    public void start(int i) throws IOException {
        Path dir = Files.createDirectories(work.resolve(store == Store.SHARED_STORE ? "broker-shared" : "broker-" + i));
        String policy = (store == Store.SHARED_STORE ? "SHARED_STORE_" : "REPLICATION_") + (i == 0 ? "PRIMARY" : "BACKUP");
        List<String> args = new ArrayList<>(List.of("broker",
                "--insurebridge.data-dir=" + dir,
                "--insurebridge.broker.acceptor-url=tcp://127.0.0.1:" + ports[i],
                "--insurebridge.broker.cluster.enabled=true",
                "--insurebridge.broker.cluster.connector-url=tcp://127.0.0.1:" + ports[i],
                "--insurebridge.broker.cluster.peers[0]=tcp://127.0.0.1:" + ports[1 - i],
                "--insurebridge.broker.cluster.password=" + PASSWORD,
                "--insurebridge.broker.ha.policy=" + policy,
                // the pair's hand-over messages (AMQ221024 synchronized, AMQ221010 backup active) are what tests wait on
                "--logging.level.org.apache.activemq.artemis.core.server=INFO"));
        String name = "broker-" + (i == 0 ? "primary" : "backup") + (starts[i] == 0 ? "" : "-restart-" + starts[i]);
        starts[i]++;
        processes[i] = ServerProcess.start(name, classpath, List.of("-Xmx256m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"), "io.insurebridge.InsureBridgeApplication", args, work);
    }

    /** Waits until broker i's log holds the text (its process must stay alive meanwhile). */
    public void awaitLog(int i, String text) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(processes[i].log())
                    && Files.readString(processes[i].log(), StandardCharsets.ISO_8859_1).contains(text)) {
                return;
            }
            if (!processes[i].alive()) {
                throw new IllegalStateException("broker " + i + " exited before '" + text + "':\n"
                        + ClusterInstances.tail(processes[i].log(), 60));
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        throw new IllegalStateException("broker " + i + ": no '" + text + "' within " + START_TIMEOUT + ":\n"
                + ClusterInstances.tail(processes[i].log(), 60));
    }

    /** CPU seconds used so far by the brokers that run. */
    public double cpuSeconds() throws IOException {
        double cpu = 0;
        for (ServerProcess p : processes) {
            if (p != null && p.alive()) {
                cpu += p.cpuSeconds();
            }
        }
        return cpu;
    }

    public ServerProcess process(int i) {
        return processes[i];
    }

    /** SIGKILL of broker i: no graceful hand-over, the backup must notice the loss by itself. */
    public void kill(int i) throws InterruptedException {
        processes[i].kill();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
