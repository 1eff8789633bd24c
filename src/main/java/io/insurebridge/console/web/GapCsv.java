package io.insurebridge.console.web;

import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.GapResolution.GapView;
import io.insurebridge.mapping.MappingSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mapping-gap sheet: downloaded with an empty national_code column, filled in by the engineer, uploaded back.
 * Item rows become crosswalk.csv rows, diagnosis rows diagnosis_crosswalk.csv rows.
 */
public final class GapCsv {

    public static final String HEADER = "kind,fixmedins_code,local_code,occurrences,first_seen,last_seen,held_messages,"
            + "national_code,list_type";

    /** One filled row of an uploaded sheet. */
    public record Filled(int line, String kind, String institution, String localCode, String nationalCode,
                         String listType) {
        public boolean item() {
            return "ITEM".equalsIgnoreCase(kind);
        }
    }

    private GapCsv() {}

    public static String write(List<GapView> gaps) {
        StringBuilder csv = new StringBuilder("\uFEFF").append(HEADER).append('\n');
        for (GapView g : gaps) {
            csv.append(g.kind()).append(',').append(cell(g.institutionCode())).append(',').append(cell(g.localCode()))
                    .append(',').append(g.occurrences()).append(',').append(g.firstSeen()).append(',')
                    .append(g.lastSeen()).append(',').append(g.heldMessageIds().size()).append(',')
                    .append(g.mapsTo() == null ? "" : cell(g.mapsTo())).append(",\n");
        }
        return csv.toString();
    }

    /** The rows whose national_code is filled; blank rows are skipped, malformed ones are errors. */
    public static List<Filled> read(String text, List<String> errors) {
        List<Filled> out = new ArrayList<>();
        String[] lines = text.replace("\uFEFF", "").split("\r?\n");
        if (lines.length == 0 || !lines[0].trim().toLowerCase().startsWith("kind,fixmedins_code,local_code")) {
            errors.add("line 1: expected the header " + HEADER);
            return out;
        }
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 8) {
                errors.add("line " + (i + 1) + ": expected 9 fields, found " + f.length);
                continue;
            }
            String national = unquote(f[7]);
            if (national.isEmpty()) {
                continue;
            }
            String kind = unquote(f[0]).toUpperCase();
            if (!kind.equals("ITEM") && !kind.equals("DIAGNOSIS")) {
                errors.add("line " + (i + 1) + ": kind must be ITEM or DIAGNOSIS, not '" + kind + "'");
                continue;
            }
            out.add(new Filled(i + 1, kind, unquote(f[1]), unquote(f[2]), national,
                    f.length > 8 ? unquote(f[8]) : ""));
        }
        return out;
    }

    /** The crosswalk row of an item; list_type taken from the catalog when the sheet leaves it blank. */
    public static Optional<String> crosswalkRow(Filled f, MappingSnapshot snapshot, List<String> errors) {
        Optional<CatalogItem> item = snapshot.catalogItem(f.nationalCode());
        if (item.isEmpty()) {
            errors.add("line " + f.line() + ": national code " + f.nationalCode() + " is not in catalog.csv");
            return Optional.empty();
        }
        String listType = f.listType().isEmpty() ? item.get().listType() : f.listType();
        return Optional.of(String.join(",", f.institution(), f.localCode(), f.nationalCode(), listType));
    }

    private static String cell(String s) {
        return s == null ? "" : s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String unquote(String s) {
        String t = s.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1).replace("\"\"", "\"") : t;
    }
}
