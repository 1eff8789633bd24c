package io.insurebridge.mapping;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every file of the mappings directory into one validated {@link MappingSnapshot}. Any bad row stops the
 * load with a {@link MappingLoadException} "file:line: reason": a half-valid catalog must never be served.
 */
public class MappingLoader {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(MappingLoader.class);

    /** The files a mappings directory holds, in load order (later files refer to earlier ones). */
    public static final List<String> FILES = List.of("areas.csv", "institutions.csv", "pharmacies.csv",
            "doctors.csv", "catalog.csv", "crosswalk.csv", "diagnoses.csv", "diagnosis_crosswalk.csv",
            "chronic_diseases.csv", "persons.csv", "budgets.csv", "policy.yaml");
    /** Files of this directory that another part reads itself (cross-region eligibility directory). */
    public static final Set<String> READ_ELSEWHERE = Set.of("eligibility_directory.csv");
    /** Without these the gateway cannot map anything, so their absence is an error. */
    public static final Set<String> REQUIRED_FILES = Set.of("areas.csv", "institutions.csv", "catalog.csv",
            "crosswalk.csv", "diagnoses.csv");

    static final List<String> LIST_TYPES = List.of("101", "102", "103", "201", "301");
    static final List<String> LIST_LEVELS = List.of("01", "02", "03");
    static final List<String> CHARGE_TYPES = List.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10",
            "11", "12", "13", "14");
    static final List<String> AGREEMENT_STATES = List.of("ACTIVE", "SUSPENDED", "TERMINATED");
    static final List<String> INSURANCE_STATES = List.of("1", "2", "4");
    static final List<String> GENDERS = List.of("0", "1", "2", "9");

    private final CodeFormats formats;
    private final Clock clock;

    public MappingLoader(CodeFormats formats) {
        this(formats, Clock.systemUTC());
    }

    public MappingLoader(CodeFormats formats, Clock clock) {
        this.formats = formats;
        this.clock = clock;
    }

    public MappingSnapshot load(Path dir) {
        return loadWithFiles(dir).snapshot();
    }

    public LoadedMappings loadWithFiles(Path dir) {
        return new Load(dir).run();
    }

    /** State of one load: the tables read so far, the checksum being computed and the file list. */
    private final class Load {
        private final Path dir;
        private final MessageDigest checksum = sha256();
        private final List<MappingFile> files = new ArrayList<>();

        private final Map<String, Area> areas = new LinkedHashMap<>();
        private final Map<String, Institution> institutions = new LinkedHashMap<>();
        private final Map<String, Pharmacy> pharmacies = new LinkedHashMap<>();
        private final Map<String, Doctor> doctors = new LinkedHashMap<>();
        private final Map<String, CatalogItem> catalog = new HashMap<>();
        private final Map<String, Map<String, CrosswalkEntry>> crosswalk = new HashMap<>();
        private final Map<String, DiagnosisCode> diagnoses = new HashMap<>();
        private final Map<String, String> diagnosisCrosswalk = new HashMap<>();
        private final Map<String, ChronicDisease> chronicDiseases = new LinkedHashMap<>();
        private final Map<String, InsuredPerson> persons = new LinkedHashMap<>();
        private final Map<String, Budget> budgets = new LinkedHashMap<>();
        private Map<String, AreaPolicy> policies = Map.of();

        Load(Path dir) {
            this.dir = dir;
        }

        LoadedMappings run() {
            if (!Files.isDirectory(dir)) {
                throw new MappingLoadException(dir.toString(), 0, "mappings directory does not exist");
            }
            warnAboutUnknownFiles(dir);
            table("areas.csv", List.of("admdvs", "name", "province_admdvs"), this::area);
            table("institutions.csv", List.of("fixmedins_code", "name", "admdvs", "level", "agreement"),
                    this::institution);
            table("pharmacies.csv", List.of("fixmedins_code", "name", "admdvs", "agreement"), this::pharmacy);
            table("doctors.csv", List.of("dr_code", "name", "fixmedins_code", "points_left"), this::doctor);
            table("catalog.csv", List.of("med_list_codg", "name", "list_type", "chrgitm_lv", "selfpay_prop",
                    "pric_uplmt_amt", "med_chrgitm_type"), this::catalogItem);
            table("crosswalk.csv", List.of("fixmedins_code", "medins_list_codg", "med_list_codg"),
                    this::crosswalkEntry);
            table("diagnoses.csv", List.of("diag_code", "diag_name"), this::diagnosis);
            table("diagnosis_crosswalk.csv", List.of("clinical_code", "diag_code"), this::diagnosisCrosswalk);
            table("chronic_diseases.csv", List.of("code", "name", "diag_prefix"), this::chronicDisease);
            table("persons.csv", List.of("psn_no", "psn_name", "certno", "gend", "brdy", "insutype",
                    "insuplc_admdvs", "psn_insu_stas", "acct_balance"), new PersonRows()::person);
            table("budgets.csv", List.of("fixmedins_code", "year", "total_budget"), this::budget);
            String policyText = read("policy.yaml");
            if (policyText != null) {
                policies = new PolicyYamlReader("policy.yaml", policyText, formats).read();
            }
            Map<String, Map<String, CrosswalkEntry>> frozenCrosswalk = new HashMap<>();
            crosswalk.forEach((inst, entries) -> frozenCrosswalk.put(inst, Collections.unmodifiableMap(entries)));
            MappingSnapshot snapshot = new MappingSnapshot(
                    freeze(catalog), freeze(frozenCrosswalk), freeze(diagnosisCrosswalk), freeze(diagnoses),
                    freeze(institutions), freeze(pharmacies), freeze(doctors), freeze(chronicDiseases),
                    freeze(areas), freeze(persons), freeze(budgets), freeze(policies),
                    Instant.now(clock), HexFormat.of().formatHex(checksum.digest()));
            return new LoadedMappings(snapshot, List.copyOf(files));
        }

        private void table(String name, List<String> columns, RowHandler handler) {
            String text = read(name);
            if (text == null) {
                return;
            }
            CsvTable table = new CsvTable(name, text, columns);
            for (CsvTable.Row row : table.rows()) {
                try {
                    handler.accept(row);
                } catch (MappingLoadException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // whatever slipped through the checks still names its row
                    throw new MappingLoadException(name, row.line(), "cannot read row: " + e, e);
                }
            }
            MappingFile f = files.get(files.size() - 1);
            files.set(files.size() - 1, new MappingFile(f.name(), f.size(), f.lastModified(), table.size(),
                    f.sha256()));
        }

        /** File content as UTF-8 text (strict: a GBK file must not turn names into garbage), or null if absent. */
        private String read(String name) {
            Path path = dir.resolve(name);
            if (!Files.isRegularFile(path)) {
                if (REQUIRED_FILES.contains(name)) {
                    throw new MappingLoadException(name, 0, "required file is missing in " + dir);
                }
                return null;
            }
            byte[] bytes;
            Instant modified;
            try {
                bytes = Files.readAllBytes(path);
                modified = Files.getLastModifiedTime(path).toInstant();
            } catch (IOException e) {
                throw new MappingLoadException(name, 0, "cannot read: " + e.getMessage(), e);
            }
            checksum.update(name.getBytes(StandardCharsets.UTF_8));
            checksum.update((byte) 0);
            checksum.update(bytes);
            files.add(new MappingFile(name, bytes.length, modified, 0,
                    HexFormat.of().formatHex(sha256().digest(bytes))));
            return decodeUtf8(name, bytes);
        }

        private void area(CsvTable.Row r) {
            String code = r.code("admdvs", CodeKind.DIVISION, formats);
            unique(areas, code, new Area(code, r.required("name"),
                    r.code("province_admdvs", CodeKind.DIVISION, formats)), r, "area");
        }

        private void institution(CsvTable.Row r) {
            String code = r.code("fixmedins_code", CodeKind.INSTITUTION, formats);
            String internet = r.optional("internet_agreement");
            if (internet != null && !AGREEMENT_STATES.contains(internet) && !"NONE".equals(internet)) {
                throw r.fail("internet_agreement '" + internet + "' is not one of " + AGREEMENT_STATES + " or NONE");
            }
            String level = r.required("level");
            if (!level.matches("[0-9]")) {
                throw r.fail("level '" + level + "' must be one digit (1..3)");
            }
            unique(institutions, code, new Institution(code, r.required("name"),
                    r.code("admdvs", CodeKind.DIVISION, formats), level,
                    r.oneOf("agreement", AGREEMENT_STATES), internet), r, "institution");
        }

        private void pharmacy(CsvTable.Row r) {
            String code = r.code("fixmedins_code", CodeKind.PHARMACY, formats);
            unique(pharmacies, code, new Pharmacy(code, r.required("name"),
                    r.code("admdvs", CodeKind.DIVISION, formats), r.oneOf("agreement", AGREEMENT_STATES)),
                    r, "pharmacy");
        }

        private void doctor(CsvTable.Row r) {
            String code = r.code("dr_code", CodeKind.DOCTOR, formats);
            String institution = r.code("fixmedins_code", CodeKind.INSTITUTION, formats);
            if (!institutions.containsKey(institution)) {
                throw r.fail("institution " + institution + " of doctor " + code + " is not in institutions.csv");
            }
            unique(doctors, code, new Doctor(code, r.required("name"), institution,
                    r.integer("points_left", 0, Integer.MAX_VALUE)), r, "doctor");
        }

        private void catalogItem(CsvTable.Row r) {
            String listType = r.oneOf("list_type", LIST_TYPES);
            CodeKind kind = switch (listType) {
                case "201" -> CodeKind.SERVICE_ITEM;
                case "301" -> CodeKind.CONSUMABLE;
                default -> CodeKind.DRUG;
            };
            String code = r.code("med_list_codg", kind, formats);
            String flagText = r.optional("flag");
            Set<String> flags = flagText == null ? Set.of() : Collections.unmodifiableSet(
                    new java.util.LinkedHashSet<>(List.of(flagText.split("\\s*[|;]\\s*"))));
            unique(catalog, code, new CatalogItem(code, r.required("name"), listType,
                    r.oneOf("chrgitm_lv", LIST_LEVELS), r.decimal("selfpay_prop", BigDecimal.ZERO, BigDecimal.ONE),
                    r.decimal("pric_uplmt_amt", BigDecimal.ZERO, null), r.oneOf("med_chrgitm_type", CHARGE_TYPES),
                    flags), r, "catalog code");
        }

        private void crosswalkEntry(CsvTable.Row r) {
            String institution = r.code("fixmedins_code", CodeKind.INSTITUTION, formats);
            if (!institutions.containsKey(institution)) {
                throw r.fail("institution " + institution + " is not in institutions.csv");
            }
            String local = r.required("medins_list_codg");
            String national = r.required("med_list_codg");
            CatalogItem item = catalog.get(national);
            if (item == null) {
                throw r.fail("target " + national + " of local code " + local + " is not in catalog.csv");
            }
            String listType = r.optional("list_type");
            if (listType != null && !listType.equals(item.listType())) {
                throw r.fail("list_type " + listType + " differs from the catalog's " + item.listType() + " for "
                        + national);
            }
            Map<String, CrosswalkEntry> forInstitution = crosswalk.computeIfAbsent(institution, k -> new HashMap<>());
            unique(forInstitution, local, new CrosswalkEntry(institution, local, national, item.listType()), r,
                    "local code of " + institution);
        }

        private void diagnosis(CsvTable.Row r) {
            String code = r.code("diag_code", CodeKind.DIAGNOSIS, formats);
            unique(diagnoses, code, new DiagnosisCode(code, r.required("diag_name")), r, "diagnosis");
        }

        private void diagnosisCrosswalk(CsvTable.Row r) {
            String clinical = r.required("clinical_code");
            String target = r.required("diag_code");
            if (!diagnoses.containsKey(target)) {
                throw r.fail("target " + target + " of clinical code " + clinical + " is not in diagnoses.csv");
            }
            unique(diagnosisCrosswalk, clinical, target, r, "clinical code");
        }

        private void chronicDisease(CsvTable.Row r) {
            String code = r.code("code", CodeKind.CHRONIC_DISEASE, formats);
            unique(chronicDiseases, code, new ChronicDisease(code, r.required("name"), r.required("diag_prefix")),
                    r, "chronic disease");
        }

        private void budget(CsvTable.Row r) {
            String institution = r.code("fixmedins_code", CodeKind.INSTITUTION, formats);
            if (!institutions.containsKey(institution)) {
                throw r.fail("institution " + institution + " is not in institutions.csv");
            }
            Budget budget = new Budget(institution, r.integer("year", 2000, 2999),
                    r.decimal("total_budget", BigDecimal.ZERO, null));
            Budget earlier = budgets.get(institution);
            if (earlier != null && earlier.year() == budget.year()) {
                throw r.fail("duplicate budget of " + institution + " for " + budget.year());
            }
            // the snapshot keeps the latest year per institution
            if (earlier == null || earlier.year() < budget.year()) {
                budgets.put(institution, budget);
            }
        }

        /** Persons: also unique by certno and e-voucher token, since the gateway looks them up by either. */
        private final class PersonRows {
            private final Map<String, Integer> certnoLines = new HashMap<>();
            private final Map<String, Integer> tokenLines = new HashMap<>();

            void person(CsvTable.Row r) {
                String psnNo = r.required("psn_no");
                String certno = r.code("certno", CodeKind.RESIDENT_ID, formats);
                String token = r.optional("evoucher_token");
                Integer seen = certnoLines.putIfAbsent(certno, r.line());
                if (seen != null) {
                    throw r.fail("duplicate certno " + certno + " (first at line " + seen + ")");
                }
                if (token != null && (seen = tokenLines.putIfAbsent(token, r.line())) != null) {
                    throw r.fail("duplicate evoucher_token " + token + " (first at line " + seen + ")");
                }
                String filing = r.optional("filing_to_admdvs");
                if (filing != null && !formats.valid(CodeKind.DIVISION, filing)) {
                    throw r.fail("filing_to_admdvs '" + filing + "' is not a 6-digit division code");
                }
                unique(persons, psnNo, new InsuredPerson(psnNo, r.required("psn_name"), certno,
                        r.oneOf("gend", GENDERS), r.date("brdy"), r.oneOf("insutype", PolicyYamlReader.INSUTYPES),
                        r.code("insuplc_admdvs", CodeKind.DIVISION, formats),
                        r.oneOf("psn_insu_stas", INSURANCE_STATES),
                        r.decimal("acct_balance", BigDecimal.ZERO, null), r.optional("identity"),
                        chronicQualifications(r), filing, r.optional("suspension"), token), r, "psn_no");
            }

            /** "M03900:I10|M00900:C92" -> {M03900=I10, M00900=C92}; every code must be a known disease. */
            private Map<String, String> chronicQualifications(CsvTable.Row r) {
                String text = r.optional("chronic_qualifications");
                if (text == null) {
                    return Map.of();
                }
                Map<String, String> result = new LinkedHashMap<>();
                for (String part : text.split("\\s*[|;]\\s*")) {
                    String[] codeAndPrefix = part.split(":", 2);
                    String code = codeAndPrefix[0].trim();
                    if (!chronicDiseases.containsKey(code)) {
                        throw r.fail("chronic qualification " + code + " is not in chronic_diseases.csv");
                    }
                    String prefix = codeAndPrefix.length > 1 && !codeAndPrefix[1].isBlank()
                            ? codeAndPrefix[1].trim() : chronicDiseases.get(code).diagPrefix();
                    result.put(code, prefix);
                }
                return Collections.unmodifiableMap(result);
            }
        }
    }

    /**
     * SHA-256 over the mapping files as they are on disk now, computed exactly like a load's snapshot checksum
     * (name, NUL, bytes of each present file in load order) — to tell a same-size same-mtime edit from no edit.
     */
    public static String contentChecksum(Path dir) {
        MessageDigest digest = sha256();
        for (String name : FILES) {
            Path path = dir.resolve(name);
            if (Files.isRegularFile(path)) {
                try {
                    byte[] bytes = Files.readAllBytes(path);
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(bytes);
                } catch (IOException e) {
                    digest.update(("unreadable:" + name).getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A misspelt file name would otherwise be ignored without a trace. */
    private static void warnAboutUnknownFiles(Path dir) {
        try (java.util.stream.Stream<Path> list = Files.list(dir)) {
            list.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".csv") || n.endsWith(".yaml") || n.endsWith(".yml"))
                    .filter(n -> !FILES.contains(n) && !READ_ELSEWHERE.contains(n))
                    .forEach(n -> log.warn("Ignoring unknown file {} in the mappings directory {} (known: {})", n,
                            dir, FILES));
        } catch (IOException e) {
            log.warn("Cannot list the mappings directory {}", dir, e);
        }
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(CsvTable.Row row);
    }

    private static <K, V> void unique(Map<K, V> map, K key, V value, CsvTable.Row row, String what) {
        if (map.putIfAbsent(key, value) != null) {
            throw row.fail("duplicate " + what + " " + key);
        }
    }

    private static <K, V> Map<K, V> freeze(Map<K, V> map) {
        return Collections.unmodifiableMap(map);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String decodeUtf8(String name, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new MappingLoadException(name, line, "not valid UTF-8 (save the file as UTF-8)");
        }
        out.flip();
        return out.toString();
    }
}
