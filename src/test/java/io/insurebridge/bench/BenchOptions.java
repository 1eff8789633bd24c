package io.insurebridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line options of the bench ({@code --name value}); every one has a default that fits 2 cores. */
public record BenchOptions(long messages, long warmupMessages, int visits, int warmupVisits, int concurrency,
                           Duration duration, Set<String> paths, boolean jmh, boolean profile, int heapSamples,
                           List<String> productJvmArgs, List<Integer> instances, String postgresUrl,
                           String postgresUser, String postgresPassword, List<String> layouts) {

    public static final String USAGE = """
            --messages N        path 1 and baseline: measured ADT^A04 messages (default 20000)
            --warmup N          path 1 and baseline: messages sent first, not measured (default 3000)
            --visits N          paths 2, 3 and 4: measured visits (default 1000)
            --warmup-visits N   paths 2, 3 and 4: visits before measuring (default 200)
            --concurrency N     connections / workers in flight (default 8)
            --duration S        upper bound in seconds of each measured run (default 300)
            --paths LIST        any of baseline,1,2,3,4 (default all)
            --jmh true|false    run the JMH micro-benchmarks too (default true)
            --profile true|false  JFR-profile the product during each path and summarise (default false)
            --heap-samples N    path 1 is measured in N segments with the heap after GC after each (default 4)
            --product-jvm-args "..."  extra JVM options of the product and baseline (default -Xmx1g)
            --instances LIST    scaling: path 2 on 1, 2, ... instances in the `cluster` profile, e.g. 1,2,3 (default
                                none); needs PostgreSQL (the options below)
            --layouts LIST      scaling: broker layouts of docs/deployment.md, any of colocated,broker-tier (default
                                colocated): brokers embedded in the instances, or a broker pair they are clients of
            --postgres-url URL  JDBC URL of the PostgreSQL the instances share (each run its own schema)
            --postgres-user U / --postgres-password P   its credentials (default insurebridge / insurebridge)
            """;

    public static BenchOptions parse(String[] args) {
        long messages = 20_000;
        long warmup = 3_000;
        int visits = 1_000;
        int warmupVisits = 200;
        int concurrency = 8;
        Duration duration = Duration.ofSeconds(300);
        Set<String> paths = new LinkedHashSet<>(List.of("baseline", "1", "2", "3", "4"));
        boolean jmh = true;
        boolean profile = false;
        int heapSamples = 4;
        List<String> jvm = new ArrayList<>(List.of("-Xmx1g"));
        List<Integer> instances = List.of();
        String pgUrl = "";
        String pgUser = "insurebridge";
        String pgPassword = "insurebridge";
        List<String> layouts = List.of("colocated");
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value of " + key + "\n" + USAGE);
            }
            String value = args[++i];
            switch (key) {
                case "--messages" -> messages = Long.parseLong(value);
                case "--warmup" -> warmup = Long.parseLong(value);
                case "--visits" -> visits = Integer.parseInt(value);
                case "--warmup-visits" -> warmupVisits = Integer.parseInt(value);
                case "--concurrency" -> concurrency = Integer.parseInt(value);
                case "--duration" -> duration = Duration.ofSeconds(Long.parseLong(value));
                case "--paths" -> paths = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                case "--jmh" -> jmh = Boolean.parseBoolean(value);
                case "--profile" -> profile = Boolean.parseBoolean(value);
                case "--heap-samples" -> heapSamples = Math.max(1, Integer.parseInt(value));
                case "--instances" -> instances = Arrays.stream(value.split(",")).map(String::trim)
                        .map(Integer::parseInt).toList();
                case "--layouts" -> layouts = Arrays.stream(value.split(",")).map(String::trim)
                        .peek(l -> {
                            if (!l.equals("colocated") && !l.equals("broker-tier")) {
                                throw new IllegalArgumentException("--layouts: unknown layout " + l + "\n" + USAGE);
                            }
                        }).toList();
                case "--postgres-url" -> pgUrl = value;
                case "--postgres-user" -> pgUser = value;
                case "--postgres-password" -> pgPassword = value;
                case "--product-jvm-args" -> jvm = value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + key + "\n" + USAGE);
            }
        }
        return new BenchOptions(messages, warmup, visits, warmupVisits, concurrency, duration, paths, jmh, profile,
                heapSamples, List.copyOf(jvm), instances, pgUrl, pgUser, pgPassword, layouts);
    }
}
