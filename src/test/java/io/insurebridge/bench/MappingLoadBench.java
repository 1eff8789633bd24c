package io.insurebridge.bench;

import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.MappingLoader;
import io.insurebridge.mapping.MappingSnapshot;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Load benchmark of the mapping layer (a main class, not a test): generates {@code rows} catalog rows and as many
 * crosswalk rows in a temp dir (the other files are the demo ones), loads them {@code loads} times and measures
 * crosswalk lookups. Usage: see mappings/README.md. Arguments: [rows=100000] [loads=5].
 */
public final class MappingLoadBench {

    public static void main(String[] args) throws IOException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int loads = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("mapping-bench");
        try {
            generate(dir, rows);
            MappingLoader loader = new MappingLoader(CodeFormats.defaults());
            MappingSnapshot snapshot = null;
            long best = Long.MAX_VALUE;
            long total = 0;
            for (int i = 0; i < loads + 1; i++) {
                long start = System.nanoTime();
                snapshot = loader.load(dir);
                long took = System.nanoTime() - start;
                if (i == 0) {
                    System.out.printf("warm-up load: %.1f ms%n", took / 1e6);
                    continue; // JIT warm-up, not counted
                }
                best = Math.min(best, took);
                total += took;
            }
            double avgMs = total / 1e6 / loads;
            long dataRows = 2L * rows;
            System.out.printf("%d catalog + %d crosswalk rows, %d loads: avg %.1f ms/load, best %.1f ms, "
                    + "%.0f rows/s%n", rows, rows, loads, avgMs, best / 1e6, dataRows / (avgMs / 1000));
            lookups(snapshot, rows);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void lookups(MappingSnapshot snapshot, int rows) {
        String[] locals = new String[4096];
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < locals.length; i++) {
            locals[i] = "L" + random.nextInt(rows);
        }
        long found = 0;
        int ops = 5_000_000;
        for (int warm = 0; warm < 2; warm++) {
            long start = System.nanoTime();
            for (int i = 0; i < ops; i++) {
                found += snapshot.resolveItem("H33010000001", locals[i & 4095]).isPresent() ? 1 : 0;
            }
            long took = System.nanoTime() - start;
            if (warm == 1) {
                System.out.printf("resolveItem: %.1f ns/op (%d found)%n", (double) took / ops, found);
            }
        }
    }

    /** Demo files for everything else; a large catalog (drugs, service items, consumables) and its crosswalk. */
    private static void generate(Path dir, int rows) throws IOException {
        for (String name : List.of("areas.csv", "institutions.csv", "pharmacies.csv", "doctors.csv",
                "diagnoses.csv", "diagnosis_crosswalk.csv", "chronic_diseases.csv", "persons.csv", "budgets.csv",
                "policy.yaml")) {
            Files.copy(Path.of("mappings", name), dir.resolve(name));
        }
        try (BufferedWriter catalog = Files.newBufferedWriter(dir.resolve("catalog.csv"), StandardCharsets.UTF_8);
             BufferedWriter crosswalk = Files.newBufferedWriter(dir.resolve("crosswalk.csv"),
                     StandardCharsets.UTF_8)) {
            catalog.write("med_list_codg,name,list_type,chrgitm_lv,selfpay_prop,pric_uplmt_amt,med_chrgitm_type,"
                    + "flag\n");
            crosswalk.write("fixmedins_code,medins_list_codg,med_list_codg,list_type\n");
            for (int i = 0; i < rows; i++) {
                String code;
                String listType;
                String line;
                switch (i % 3) {
                    case 0 -> {
                        code = String.format("XB%021d", i);
                        listType = "101";
                        line = code + ",\"Generated drug " + i + ", tablets\",101,02,0.10,35.50,09,\n";
                    }
                    case 1 -> {
                        code = String.format("%015d", 300_000_000_000_000L + i);
                        listType = "201";
                        line = code + ",Generated service item " + i + ",201,01,0,20.00,04,\n";
                    }
                    default -> {
                        code = String.format("C%019d", i);
                        listType = "301";
                        line = code + ",Generated consumable " + i + ",301,02,0.20,3.00,07,\n";
                    }
                }
                catalog.write(line);
                crosswalk.write("H33010000001,L" + i + "," + code + "," + listType + "\n");
            }
        }
    }

    private MappingLoadBench() {}
}
