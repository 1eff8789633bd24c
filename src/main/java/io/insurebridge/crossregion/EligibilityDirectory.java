package io.insurebridge.crossregion;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The optional eligibility directory {@code <mappings-dir>/eligibility_directory.csv}: where persons unknown here
 * are insured, by certificate, consulted before the resident ID number's area. Columns (by name, comma separated,
 * UTF-8): {@code psn_cert_type} (e.g. 01 resident ID; empty = any type), {@code psn_cert_no} (the full number, or a
 * prefix ending in {@code *}), {@code insuplc_admdvs} (6 digits). An exact number wins over a prefix, a longer
 * prefix over a shorter one. The file is read again when it changes (size or time); a file with a bad row is
 * refused with {@code file:line} in the log and the last good version stays in force.
 */
@Component
public class EligibilityDirectory {
    public static final String FILE = "eligibility_directory.csv";
    private static final Logger log = LoggerFactory.getLogger(EligibilityDirectory.class);
    private static final Pattern ADMDVS = Pattern.compile("[0-9]{6}");

    /** One row: certificate type (null = any), number or prefix, the insured place. */
    public record Entry(String certType, String certNo, boolean prefix, String insuplcAdmdvs) {
        boolean matches(String type, String no) {
            return (certType == null || certType.equals(type)) && (prefix ? no.startsWith(certNo) : no.equals(certNo));
        }

        /** exact numbers first, then longer prefixes; a typed row before an any-type one */
        int rank() {
            return (prefix ? 0 : 1_000) + certNo.length() * 2 + (certType == null ? 0 : 1);
        }
    }

    private record Loaded(FileTime modified, long size, List<Entry> entries) {
        static final Loaded NONE = new Loaded(null, -1, List.of());
    }

    private final Path file;
    private volatile Loaded loaded = Loaded.NONE;

    public EligibilityDirectory(@Value("${insurebridge.mappings-dir:./mappings}") String mappingsDir) {
        this.file = Path.of(mappingsDir).resolve(FILE);
    }

    /** The insured place the directory names for this certificate; empty when no row matches (or no file). */
    public Optional<String> insuredPlace(String certType, String certNo) {
        if (certNo == null || certNo.isBlank()) {
            return Optional.empty();
        }
        String type = certType == null || certType.isBlank() ? null : certType.trim();
        String no = certNo.trim();
        return current().stream().filter(e -> e.matches(type, no)).max(Comparator.comparingInt(Entry::rank))
                .map(Entry::insuplcAdmdvs);
    }

    /** The rows in force (read again if the file changed). */
    public List<Entry> current() {
        Loaded l = loaded;
        try {
            if (!Files.isRegularFile(file)) {
                if (l != Loaded.NONE) {
                    log.info("Eligibility directory {} removed: insured places from ID numbers only", file);
                    loaded = Loaded.NONE;
                }
                return List.of();
            }
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (modified.equals(l.modified()) && size == l.size()) {
                return l.entries();
            }
            synchronized (this) {
                l = loaded;
                if (modified.equals(l.modified()) && size == l.size()) {
                    return l.entries();
                }
                List<Entry> entries = parse(Files.readString(file, StandardCharsets.UTF_8));
                loaded = new Loaded(modified, size, entries);
                log.info("Eligibility directory {} loaded: {} row(s)", file, entries.size());
                return entries;
            }
        } catch (IOException | IllegalArgumentException e) {
            log.error("Eligibility directory {} not loaded, the previous version stays in force: {}", file,
                    e.getMessage());
            // remember the bad version so it is not read again on every request
            try {
                loaded = new Loaded(Files.getLastModifiedTime(file), Files.size(file), l.entries());
            } catch (IOException ignored) {
                // the next lookup tries again
            }
            return l.entries();
        }
    }

    static List<Entry> parse(String text) {
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        List<Entry> entries = new ArrayList<>();
        List<String> header = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (header == null) {
                header = fields;
                for (String column : List.of("psn_cert_type", "psn_cert_no", "insuplc_admdvs")) {
                    if (!header.contains(column)) {
                        throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": missing column " + column);
                    }
                }
                continue;
            }
            String type = field(fields, header, "psn_cert_type");
            String no = field(fields, header, "psn_cert_no");
            String admdvs = field(fields, header, "insuplc_admdvs");
            if (no == null || no.equals("*")) {
                throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": psn_cert_no is empty");
            }
            if (admdvs == null || !ADMDVS.matcher(admdvs).matches()) {
                throw new IllegalArgumentException(FILE + ":" + (i + 1) + ": insuplc_admdvs '" + admdvs
                        + "' is not 6 digits");
            }
            boolean prefix = no.endsWith("*");
            entries.add(new Entry(type, prefix ? no.substring(0, no.length() - 1) : no, prefix, admdvs));
        }
        return List.copyOf(entries);
    }

    private static String field(List<String> fields, List<String> header, String column) {
        int i = header.indexOf(column);
        String v = i < fields.size() ? fields.get(i) : "";
        return v.isEmpty() ? null : v;
    }

    /** Comma separated; a field may be quoted ("..." with "" for a quote). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString().trim());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString().trim());
        return out;
    }
}
