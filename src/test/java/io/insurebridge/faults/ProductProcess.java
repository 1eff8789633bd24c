package io.insurebridge.faults;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The product in a JVM of its own (the test's own classpath, main class InsureBridgeApplication), so that it can be
 * killed with SIGKILL (Process.destroyForcibly on Linux) and started again on the same data.
 */
final class ProductProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ProductProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** The classpath of this test JVM (surefire puts the real one in java.class.path or surefire.test.class.path). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    static ProductProcess start(Path workDir, String logName, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        command.add("-cp");
        command.add(classpath());
        command.add("io.insurebridge.InsureBridgeApplication");
        command.addAll(args);
        Path log = workDir.resolve(logName + ".log");
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new ProductProcess(p, log);
    }

    /** Waits until the MLLP listener accepts connections (it starts last). */
    void awaitPort(int port, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("product exited with " + process.exitValue() + ":\n" + tail(60));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                process.waitFor(250, TimeUnit.MILLISECONDS);   // the port is not open yet
            }
        }
        throw new IllegalStateException("product did not open port " + port + " within " + timeout + ":\n" + tail(60));
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** An orderly stop (SIGTERM), forced after 60 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
