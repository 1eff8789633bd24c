package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.insurebridge.mapping.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.function.Function;

/**
 * Test fixture: reads the demo mappings/ into a snapshot, just enough for the node's tests (the real loader lives
 * on the mapping branch). Minimal CSV: commas, double-quoted fields.
 */
public final class DemoMappings {
    public static final Path DIR = Path.of("mappings");
    private static MappingSnapshot cached;

    private DemoMappings() {}

    public static synchronized MappingSnapshot snapshot() {
        if (cached == null) {
            cached = load(DIR);
        }
        return cached;
    }

    public static MappingSource source() {
        return DemoMappings::snapshot;
    }

    /**
     * The demo snapshot plus clones of every demo person (psn_no with "C" + k in place of the digits 15-16, own
     * e-voucher token), so tests sharing one database each own their persons' accumulators.
     */
    public static MappingSnapshot withClones(int clonesPerPerson) {
        MappingSnapshot demo = snapshot();
        Map<String, InsuredPerson> persons = new LinkedHashMap<>(demo.persons());
        for (InsuredPerson p : demo.persons().values()) {
            for (int k = 1; k <= clonesPerPerson; k++) {
                String psnNo = clone(p.psnNo(), k);
                persons.put(psnNo, new InsuredPerson(psnNo, p.name(), p.certno(), p.gend(), p.brdy(), p.insutype(),
                        p.insuplcAdmdvs(), p.insuStatus(), p.acctBalance(), p.identity(), p.chronicQualifications(),
                        p.filingToAdmdvs(), p.suspension(), p.evoucherToken() + "-" + k));
            }
        }
        return new MappingSnapshot(demo.catalog(), demo.crosswalk(), demo.diagnosisCrosswalk(), demo.diagnoses(),
                demo.institutions(), demo.pharmacies(), demo.doctors(), demo.chronicDiseases(), demo.areas(), persons,
                demo.budgets(), demo.policies(), demo.loadedAt(), demo.checksum() + "+clones");
    }

    /** The k-th clone's psn_no of a demo person. */
    public static String clone(String psnNo, int k) {
        return psnNo.substring(0, 14) + "C" + String.format("%02d", k) + psnNo.substring(17);
    }

    static MappingSnapshot load(Path dir) {
        Map<String, CatalogItem> catalog = index(rows(dir, "catalog.csv"), r -> new CatalogItem(r.get("med_list_codg"),
                r.get("name"), r.get("list_type"), r.get("chrgitm_lv"), new BigDecimal(r.get("selfpay_prop")),
                new BigDecimal(r.get("pric_uplmt_amt")), r.get("med_chrgitm_type"),
                r.get("flag").isEmpty() ? Set.of() : Set.of(r.get("flag").split(";"))), CatalogItem::code);
        Map<String, Map<String, CrosswalkEntry>> crosswalk = new HashMap<>();
        for (Map<String, String> r : rows(dir, "crosswalk.csv")) {
            crosswalk.computeIfAbsent(r.get("fixmedins_code"), k -> new HashMap<>()).put(r.get("medins_list_codg"),
                    new CrosswalkEntry(r.get("fixmedins_code"), r.get("medins_list_codg"), r.get("med_list_codg"),
                            r.get("list_type")));
        }
        Map<String, String> diagCross = new HashMap<>();
        rows(dir, "diagnosis_crosswalk.csv").forEach(r -> diagCross.put(r.get("clinical_code"), r.get("diag_code")));
        Map<String, DiagnosisCode> diagnoses = index(rows(dir, "diagnoses.csv"),
                r -> new DiagnosisCode(r.get("diag_code"), r.get("diag_name")), DiagnosisCode::code);
        Map<String, Institution> institutions = index(rows(dir, "institutions.csv"), r -> new Institution(
                r.get("fixmedins_code"), r.get("name"), r.get("admdvs"), r.get("level"), r.get("agreement"),
                r.get("internet_agreement")), Institution::code);
        Map<String, Pharmacy> pharmacies = index(rows(dir, "pharmacies.csv"), r -> new Pharmacy(
                r.get("fixmedins_code"), r.get("name"), r.get("admdvs"), r.get("agreement")), Pharmacy::code);
        Map<String, Doctor> doctors = index(rows(dir, "doctors.csv"), r -> new Doctor(r.get("dr_code"),
                r.get("name"), r.get("fixmedins_code"), Integer.parseInt(r.get("points_left"))), Doctor::code);
        Map<String, ChronicDisease> chronic = index(rows(dir, "chronic_diseases.csv"), r -> new ChronicDisease(
                r.get("code"), r.get("name"), r.get("diag_prefix")), ChronicDisease::code);
        Map<String, Area> areas = index(rows(dir, "areas.csv"), r -> new Area(r.get("admdvs"), r.get("name"),
                r.get("province_admdvs")), Area::admdvs);
        Map<String, InsuredPerson> persons = index(rows(dir, "persons.csv"), DemoMappings::person,
                InsuredPerson::psnNo);
        Map<String, Budget> budgets = index(rows(dir, "budgets.csv"), r -> new Budget(r.get("fixmedins_code"),
                Integer.parseInt(r.get("year")), new BigDecimal(r.get("total_budget"))), Budget::institutionCode);
        return new MappingSnapshot(catalog, crosswalk, diagCross, diagnoses, institutions, pharmacies, doctors,
                chronic, areas, persons, budgets, policies(dir.resolve("policy.yaml")), Instant.now(), "test");
    }

    private static InsuredPerson person(Map<String, String> r) {
        Map<String, String> quals = new LinkedHashMap<>();
        if (!r.get("chronic_qualifications").isEmpty()) {
            for (String q : r.get("chronic_qualifications").split(";")) {
                String[] kv = q.split(":");
                quals.put(kv[0], kv[1]);
            }
        }
        return new InsuredPerson(r.get("psn_no"), r.get("psn_name"), r.get("certno"), r.get("gend"),
                LocalDate.parse(r.get("brdy")), r.get("insutype"), r.get("insuplc_admdvs"), r.get("psn_insu_stas"),
                new BigDecimal(r.get("acct_balance")), blankToNull(r.get("identity")), quals,
                blankToNull(r.get("filing_to_admdvs")), blankToNull(r.get("suspension")),
                r.get("evoucher_token"));
    }

    static Map<String, AreaPolicy> policies(Path yaml) {
        try {
            JsonNode areas = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile()).get("areas");
            Map<String, AreaPolicy> out = new HashMap<>();
            areas.fields().forEachRemaining(area -> {
                Map<String, AreaPolicy.InsutypePolicy> byType = new HashMap<>();
                JsonNode a = area.getValue();
                a.fields().forEachRemaining(f -> {
                    if (f.getKey().matches("\\d{3}")) {
                        JsonNode t = f.getValue();
                        JsonNode ci = t.get("critical_illness");
                        byType.put(f.getKey(), new AreaPolicy.InsutypePolicy(layer(t.get("outpatient")),
                                layer(t.get("chronic")), ci == null ? null : new AreaPolicy.CriticalIllness(
                                dec(ci.get("threshold")), dec(ci.get("ratio")))));
                    }
                });
                JsonNode as = a.get("assistance");
                out.put(area.getKey(), new AreaPolicy(area.getKey(), byType, new AreaPolicy.Assistance(
                        as.get("identity").asText(), dec(as.get("ratio")), dec(as.get("cap"))),
                        dec(a.get("unfiled_ratio_reduction")), a.get("follow_up_days").asInt()));
            });
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AreaPolicy.Layer layer(JsonNode n) {
        Map<String, BigDecimal> ratio = new HashMap<>();
        n.get("ratio").fields().forEachRemaining(f -> ratio.put(f.getKey(), dec(f.getValue())));
        return new AreaPolicy.Layer(dec(n.get("deductible")), ratio, dec(n.get("cap")));
    }

    private static BigDecimal dec(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static <T> Map<String, T> index(List<Map<String, String>> rows, Function<Map<String, String>, T> make,
                                            Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        rows.stream().map(make).forEach(t -> out.put(key.apply(t), t));
        return out;
    }

    static List<Map<String, String>> rows(Path dir, String file) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8);
            List<String> header = split(lines.get(0));
            List<Map<String, String>> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> cells = split(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < cells.size() ? cells.get(i) : "");
                }
                out.add(row);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
