package io.insurebridge.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The benchmark (docs/performance.md): starts the bare-HAPI baseline and the product, each in its own JVM on its
 * embedded default, drives them over real sockets with the load generator and prints one table; then the JMH
 * micro-benchmarks. Run with {@code mvn -Pbench verify -Dbench.args="--messages 20000 --concurrency 8"}.
 */
public final class BenchMain {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final BenchOptions options;
    private final Path work;
    private final Path project = Path.of("").toAbsolutePath();
    private final String productClasspath;
    private final String baselineClasspath;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** One line of the table. */
    record Row(String path, LatencyStats.Summary s, double heapAfterGcMiB, double rssMiB, double rssPeakMiB,
               double serverCores, double generatorCores) {}

    BenchMain(BenchOptions options, Path work) throws IOException {
        this.options = options;
        this.work = work;
        String deps = Files.readString(Path.of(System.getProperty("bench.productClasspathFile"))).trim();
        this.productClasspath = System.getProperty("bench.productClasses") + ":" + deps;
        this.baselineClasspath = System.getProperty("bench.testClasses") + ":" + productClasspath;
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(e.getMessage().equals(BenchOptions.USAGE) ? 0 : 2);
            return;
        }
        Path work = Files.createTempDirectory("insurebridge-bench-");
        BenchMain bench = new BenchMain(options, work);
        try {
            System.out.printf("bench %s, %d cores, load average %s, work dir %s%n", Instant.now(),
                    Runtime.getRuntime().availableProcessors(), loadAverage(), work);
            bench.run();
        } finally {
            deleteTree(work);
        }
        System.exit(0);   // JMH / HTTP client threads must not keep the Maven exec waiting
    }

    void run() throws Exception {
        if (options.paths().contains("baseline")) {
            baseline();
        }
        if (options.paths().contains("1")) {
            path1();
        }
        if (options.paths().contains("2") || options.paths().contains("3") || options.paths().contains("4")) {
            settlementPaths();
        }
        for (String layout : options.layouts()) {
            for (int instances : options.instances()) {
                scaling(instances, layout);
            }
        }
        printTable();
        if (options.jmh()) {
            jmh();
        }
    }

    private void baseline() throws Exception {
        int port = freePort();
        try (ServerProcess server = ServerProcess.start("baseline", baselineClasspath, options.productJvmArgs(),
                BareHapiServer.class.getName(), List.of(String.valueOf(port)), work)) {
            server.awaitPort(port, START_TIMEOUT);
            String run = "B" + System.currentTimeMillis() % 100_000;
            warm(stats -> Hl7Scenarios.registrationsOnly(port, run + "W", stats), options.warmupMessages());
            LatencyStats stats = new LatencyStats("baseline: bare HAPI A04 -> ACK");
            measure(server, "baseline", stats, List.of(stats), options.messages(), 1,
                    segment -> Hl7Scenarios.registrationsOnly(port, run + "M" + segment, stats));
        }
    }

    private void path1() throws Exception {
        int mllp = freePort();
        int http = freePort();
        Path dir = Files.createDirectories(work.resolve("path1"));
        try (ServerProcess server = startProduct("product-path1", dir, mllp, http, false,
                project.resolve("mappings"))) {
            String run = "P" + System.currentTimeMillis() % 100_000;
            warm(stats -> Hl7Scenarios.registrationsOnly(mllp, run + "W", stats), options.warmupMessages());
            LatencyStats stats = new LatencyStats("1: A04 -> store -> queue -> ACK");
            measure(server, "path1", stats, List.of(stats), options.messages(), options.heapSamples(),
                    segment -> Hl7Scenarios.registrationsOnly(mllp, run + "M" + segment, stats));
        }
    }

    private void settlementPaths() throws Exception {
        int mllp = freePort();
        int http = freePort();
        Path dir = Files.createDirectories(work.resolve("path2"));
        int perPath = options.visits() + options.warmupVisits();
        int persons = 3 * perPath;   // paths 2, 3 and 4 each settle every person once
        Path mappings = BenchPersons.writeMappings(project.resolve("mappings"), dir.resolve("mappings"), persons);
        try (ServerProcess server = startProduct("product-path2", dir, mllp, http, true, mappings)) {
            String run = "S" + System.currentTimeMillis() % 100_000;
            if (options.paths().contains("2")) {
                warm(stats -> Hl7Scenarios.outpatientSettlement(mllp, run + "W", persons, 0, stats, stats),
                        options.warmupVisits());
                LatencyStats reg = new LatencyStats("2: A04 registration (1101+2201)");
                LatencyStats settle = new LatencyStats("2: DFT^P03 SETTLE (2203+2204+2207)");
                measure(server, "path2", settle, List.of(reg, settle), options.visits(), 1,
                        segment -> Hl7Scenarios.outpatientSettlement(mllp, run + "M", persons,
                                options.warmupVisits(), reg, settle));
            }
            if (options.paths().contains("3")) {
                warm(stats -> NodeScenario.settlements(http, run + "X", persons, perPath, stats, stats),
                        options.warmupVisits());
                LatencyStats setup = new LatencyStats("3: node setup 1101+2201+2203+2204");
                LatencyStats settle = new LatencyStats("3: node 2207 over HTTP");
                measure(server, "path3", settle, List.of(setup, settle), options.visits(), 1,
                        segment -> NodeScenario.settlements(http, run + "Y", persons,
                                perPath + options.warmupVisits(), setup, settle));
            }
            if (options.paths().contains("4")) {
                warm(stats -> FhirScenario.claims(http, run + "F", persons, 2 * perPath, stats),
                        options.warmupVisits());
                LatencyStats claims = new LatencyStats("4: FHIR Claim (1101+2201+2203+2204+2207)");
                measure(server, "path4", claims, List.of(claims), options.visits(), 1,
                        segment -> FhirScenario.claims(http, run + "G", persons,
                                2 * perPath + options.warmupVisits(), claims));
            }
        }
    }

    /**
     * Scaling: path 2 (A04 + DFT^P03 SETTLE per visit) on {@code n} instances in the {@code cluster} profile (one
     * Artemis cluster, one Hazelcast cluster, one fresh PostgreSQL schema), the connections spread evenly over the
     * instances' MLLP listeners. CPU is the sum over all instances (and, for the broker-tier layout, the brokers).
     */
    private void scaling(int n, String layout) throws Exception {
        String url = options.postgresUrl();
        if (url.isBlank()) {
            notes.add("scaling on " + n + " instance(s) skipped: no --postgres-url");
            return;
        }
        boolean brokerTier = layout.equals("broker-tier");
        Path dir = Files.createDirectories(work.resolve("scale-" + layout + "-" + n));
        int persons = options.visits() + options.warmupVisits();
        Path mappings = BenchPersons.writeMappings(project.resolve("mappings"), dir.resolve("mappings"), persons);
        ClusterInstances.Database db = ClusterInstances.Database.fresh(url, options.postgresUser(),
                options.postgresPassword(), "bench");
        try (BrokerTierProcesses brokers = brokerTier ? new BrokerTierProcesses(dir, productClasspath,
                BrokerTierProcesses.Store.SHARED_STORE) : null;
             ClusterInstances cluster = new ClusterInstances(n, dir, productClasspath, options.productJvmArgs(),
                project.resolve("routes"), mappings, db, List.of("--insurebridge.fhir.warm-up=false"))) {
            if (brokerTier) {
                brokers.startPair();
                cluster.useBrokerTier(brokers.clientUrl());
            }
            cluster.startAll();
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ports[i] = cluster.ports(i).mllp();
            }
            String run = "N" + n + "-" + System.currentTimeMillis() % 100_000;
            warm(stats -> Hl7Scenarios.outpatientSettlement(ports, run + "W", persons, 0, stats, stats),
                    options.warmupVisits());
            String label = "scale " + n + (brokerTier ? " (broker tier)" : "");
            LatencyStats reg = new LatencyStats(label + ": A04 registration");
            LatencyStats settle = new LatencyStats(label + ": DFT^P03 SETTLE");
            LatencyStats connectErrors = new LatencyStats("connections");
            double cpu0 = brokerTier ? brokers.cpuSeconds() : 0;
            for (int i = 0; i < n; i++) {
                cpu0 += cluster.process(i).cpuSeconds();
            }
            LoadGenerator.Result r = new LoadGenerator(options.concurrency(), options.visits(), options.duration())
                    .run(Hl7Scenarios.outpatientSettlement(ports, run + "M", persons, options.warmupVisits(), reg,
                            settle), connectErrors);
            double cpu = (brokerTier ? brokers.cpuSeconds() : 0) - cpu0;
            double rss = 0;
            for (int i = 0; i < n; i++) {
                cpu += cluster.process(i).cpuSeconds();
                rss += cluster.process(i).rssMiB()[0];
            }
            rows.add(new Row(reg.label(), reg.summary(r.seconds()), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN));
            rows.add(new Row(settle.label(), settle.summary(r.seconds()), Double.NaN, rss, rss, cpu / r.seconds(),
                    r.cores()));
            System.out.printf(Locale.ROOT, "scaling, " + layout + ": %d instance(s): %.1f settlements/s, p50 %.0f ms, p99 %.0f ms, "
                            + "errors %d, server cpu %.2f cores, load average %s%n", n, settle.summary(r.seconds())
                            .perSecond(), settle.summary(r.seconds()).p50Ms(), settle.summary(r.seconds()).p99Ms(),
                    settle.errors() + reg.errors(), cpu / r.seconds(), loadAverage());
            for (LatencyStats stats : List.of(reg, settle, connectErrors)) {
                if (stats.errors() > 0) {
                    notes.add(stats.label() + ": " + stats.errors() + " errors, first: " + stats.firstError());
                }
            }
        }
    }

    private ServerProcess startProduct(String name, Path dir, int mllp, int http, boolean processing,
                                       Path mappings) throws Exception {
        Path connectors = Files.createDirectories(dir.resolve("connectors"));
        Files.writeString(connectors.resolve("demo-hospital-mllp.yaml"), """
                kind: hl7-mllp-inbound
                name: demo-hospital
                institution: H33010000001
                host: 127.0.0.1
                port: %d
                charset: UTF-8
                """.formatted(mllp));
        // path 4's FHIR client, with the demo hospital's credentials (a bcrypt hash, as in production)
        Files.copy(project.resolve("connectors").resolve("demo-hospital-fhir.yaml"),
                connectors.resolve("demo-hospital-fhir.yaml"));
        List<String> args = List.of(
                "--server.port=" + http,
                "--insurebridge.data-dir=" + dir.resolve("data"),
                "--insurebridge.connectors-dir=" + connectors,
                "--insurebridge.routes-dir=" + project.resolve("routes"),
                "--insurebridge.mappings-dir=" + mappings,
                "--insurebridge.processing.enabled=" + processing);
        ServerProcess server = ServerProcess.start(name, productClasspath, options.productJvmArgs(),
                "io.insurebridge.InsureBridgeApplication", args, dir);
        try {
            server.awaitHealthy(http, START_TIMEOUT);
            server.awaitPort(mllp, START_TIMEOUT);
        } catch (Exception e) {
            System.out.println(tail(server.log(), 40));
            server.close();
            throw e;
        }
        return server;
    }

    interface Scenario {
        LoadGenerator.SessionFactory sessions(LatencyStats stats);
    }

    interface SegmentScenario {
        LoadGenerator.SessionFactory sessions(int segment);
    }

    private void warm(Scenario scenario, long iterations) throws InterruptedException {
        if (iterations <= 0) {
            return;
        }
        LatencyStats discard = new LatencyStats("warm-up");
        new LoadGenerator(options.concurrency(), iterations, options.duration()).run(scenario.sessions(discard),
                discard);
        if (discard.errors() > 0) {
            notes.add("warm-up errors: " + discard.errors() + ", first: " + discard.firstError());
        }
    }

    /**
     * The measured run, in {@code segments} parts with the heap after GC read after each part (the heap trend).
     * Throughput counts the iterations of the main stats over the load's wall time (GC pauses between the parts
     * are not counted).
     */
    private void measure(ServerProcess server, String name, LatencyStats main, List<LatencyStats> all,
                         long iterations, int segments, SegmentScenario scenario) throws Exception {
        Path jfr = work.resolve(name + ".jfr");
        if (options.profile()) {
            server.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfr);
        }
        LatencyStats connectErrors = new LatencyStats("connections");
        double seconds = 0;
        double generatorCpu = 0;
        double serverCpu = 0;
        List<String> trend = new ArrayList<>();
        double heap = 0;
        for (int s = 0; s < segments; s++) {
            long part = iterations / segments + (s < iterations % segments ? 1 : 0);
            double cpu0 = server.cpuSeconds();
            LoadGenerator.Result r = new LoadGenerator(options.concurrency(), part, options.duration())
                    .run(scenario.sessions(s), connectErrors);
            serverCpu += server.cpuSeconds() - cpu0;
            seconds += r.seconds();
            generatorCpu += r.cpuSeconds();
            if (options.profile() && s == segments - 1) {
                server.jcmd("JFR.stop", "name=bench");
            }
            heap = server.heapAfterGcMiB();
            trend.add(String.format(Locale.ROOT, "%.1f", heap));
            if (segments > 1) {   // long runs: the trend so far, in case the run is stopped early
                System.out.printf(Locale.ROOT, "%s segment %d/%d: %d iterations, %.0f/s, heap after GC %.1f MiB, "
                        + "load average %s%n", name, s + 1, segments, part, part / r.seconds(), heap, loadAverage());
            }
        }
        double[] rss = server.rssMiB();
        for (LatencyStats stats : all) {
            rows.add(new Row(stats.label(), stats.summary(seconds), stats == main ? heap : Double.NaN,
                    stats == main ? rss[0] : Double.NaN, stats == main ? rss[1] : Double.NaN,
                    stats == main ? serverCpu / seconds : Double.NaN,
                    stats == main ? generatorCpu / seconds : Double.NaN));
            if (stats.errors() > 0) {
                notes.add(stats.label() + ": " + stats.errors() + " errors, first: " + stats.firstError());
            }
        }
        if (connectErrors.errors() > 0) {
            notes.add(name + ": " + connectErrors.errors() + " broken connections, first: "
                    + connectErrors.firstError());
        }
        if (segments > 1) {
            notes.add(name + " heap after GC (MiB) after each of " + segments + " segments of "
                    + iterations / segments + ": " + String.join(" -> ", trend));
        }
        if (options.profile()) {
            notes.add(name + " profile (JFR, " + String.format(Locale.ROOT, "%.0f", seconds) + " s, kept as "
                    + keep(jfr) + "):\n" + JfrSummary.summarise(jfr, 12));
        }
    }

    /** The recording outlives the work dir, for `jfr print` or JMC. */
    private static Path keep(Path jfr) throws IOException {
        Path kept = Path.of("target", "bench", jfr.getFileName().toString());
        Files.createDirectories(kept.getParent());
        return Files.copy(jfr, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void printTable() {
        String header = String.format(Locale.ROOT, "%-38s %9s %8s %8s %8s %8s %7s %9s %9s %8s %8s",
                "path", "msg/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "heap MiB", "RSS MiB",
                "srv cpu", "gen cpu");
        StringBuilder out = new StringBuilder("\n").append(header).append('\n')
                .append("-".repeat(header.length())).append('\n');
        for (Row r : rows) {
            LatencyStats.Summary s = r.s();
            out.append(String.format(Locale.ROOT, "%-38s %9.0f %8.2f %8.2f %8.2f %8.1f %7d %9s %9s %8s %8s%n",
                    r.path(), s.perSecond(), s.p50Ms(), s.p95Ms(), s.p99Ms(), s.maxMs(), s.errors(),
                    num(r.heapAfterGcMiB()), Double.isNaN(r.rssMiB()) ? "" : num(r.rssMiB()) + "/" + num(r.rssPeakMiB()),
                    cores(r.serverCores()), cores(r.generatorCores())));
        }
        out.append("msg/s = measured iterations / wall time; latency per message; heap = used after a full GC at the"
                + " end; RSS = now/peak; cpu = cores used (2 = both cores)\n");
        Row base = rows.stream().filter(r -> r.path().startsWith("baseline")).findFirst().orElse(null);
        Row p1 = rows.stream().filter(r -> r.path().startsWith("1:")).findFirst().orElse(null);
        if (base != null && p1 != null) {
            out.append(String.format(Locale.ROOT, "path 1 / baseline throughput = %.2f (target >= 0.60)%n",
                    p1.s().perSecond() / base.s().perSecond()));
        }
        out.append(String.format(Locale.ROOT, "options: %s%n", options));
        out.append("machine load average now (other processes compete for the cores): ").append(loadAverage())
                .append('\n');
        notes.forEach(n -> out.append("note: ").append(n).append('\n'));
        System.out.println(out);
    }

    private void jmh() throws Exception {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(HotPathBenchmarks.class.getName())
                .forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1))
                .jvmArgs("-Xmx512m")
                .build()).run();
        System.out.println("\nJMH (average time per operation, one thread):");
        results.stream().sorted(Comparator.comparing(r -> r.getParams().getBenchmark())).forEach(r ->
                System.out.printf(Locale.ROOT, "  %-60s %10.2f ± %.2f %s%n", r.getParams().getBenchmark(),
                        r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError(),
                        r.getPrimaryResult().getScoreUnit()));
    }

    /** 1, 5 and 15 minute load averages: a busy machine explains noisy figures. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String cores(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
    }

    static int freePort() throws IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log, int lines) throws IOException {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
