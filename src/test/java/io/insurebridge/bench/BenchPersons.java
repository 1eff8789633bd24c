package io.insurebridge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Extra insured persons for the settlement paths, generated at run time into a copy of the demo mappings (never
 * committed): the node serialises the work of one person and accumulates deductible and caps, so a realistic
 * load needs many distinct persons, not the demo area's nine.
 */
public final class BenchPersons {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    public record Person(String psnNo, String certno) {}

    private BenchPersons() {}

    /** The k-th bench person (0-based): insured in 330100, employee insurance 310, account 1000.00. */
    public static Person person(int k) {
        String psnNo = "33019" + String.format("%015d", k);
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(k / 1000);
        String body = "330102" + birth.toString().replace("-", "") + String.format("%03d", k % 1000);
        return new Person(psnNo, body + checkChar(body));
    }

    /** ISO 7064 MOD 11-2 check character of a resident ID's first 17 digits. */
    static char checkChar(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Copies the mappings folder into {@code target} and appends {@code count} bench persons to persons.csv. */
    public static Path writeMappings(Path demoMappings, Path target, int count) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(demoMappings)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        List<String> rows = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            Person p = person(k);
            rows.add(String.join(",", p.psnNo(), "压测" + k, p.certno(), "1",
                    p.certno().substring(6, 10) + "-" + p.certno().substring(10, 12) + "-" + p.certno().substring(12, 14),
                    "310", "330100", "1", "1000.00", "", "", "", "", "EVB" + k));
        }
        Path persons = target.resolve("persons.csv");
        String existing = Files.readString(persons, StandardCharsets.UTF_8);
        Files.writeString(persons, (existing.endsWith("\n") ? existing : existing + "\n") + String.join("\n", rows)
                + "\n", StandardCharsets.UTF_8);
        return target;
    }
}
