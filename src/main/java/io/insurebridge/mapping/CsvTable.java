package io.insurebridge.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One mapping CSV file: the header's columns by name and the data rows, each with its physical line number. */
final class CsvTable {
    private final String file;
    private final Map<String, Integer> columns = new HashMap<>();
    private final List<CsvReader.Record> rows;

    CsvTable(String file, String text, List<String> requiredColumns) {
        this.file = file;
        List<CsvReader.Record> records;
        try {
            records = CsvReader.parse(text);
        } catch (CsvReader.CsvSyntaxException e) {
            throw new MappingLoadException(file, e.line, e.getMessage());
        }
        if (records.isEmpty()) {
            throw new MappingLoadException(file, 1, "empty file, expected a header " + requiredColumns);
        }
        List<String> header = records.get(0).fields();
        for (int i = 0; i < header.size(); i++) {
            if (columns.putIfAbsent(header.get(i), i) != null) {
                throw new MappingLoadException(file, 1, "column '" + header.get(i) + "' appears twice");
            }
        }
        for (String required : requiredColumns) {
            if (!columns.containsKey(required)) {
                throw new MappingLoadException(file, 1, "missing column '" + required + "', header must have "
                        + requiredColumns);
            }
        }
        this.rows = records.subList(1, records.size());
        for (CsvReader.Record row : rows) {
            if (row.fields().size() != header.size()) {
                throw new MappingLoadException(file, row.line(), "expected " + header.size() + " fields, found "
                        + row.fields().size() + " (quote fields that contain commas)");
            }
        }
    }

    String file() { return file; }

    int size() { return rows.size(); }

    Iterable<Row> rows() {
        return () -> rows.stream().map(Row::new).iterator();
    }

    /** A data row with typed accessors whose errors carry file:line. */
    final class Row {
        private final CsvReader.Record record;

        Row(CsvReader.Record record) { this.record = record; }

        int line() { return record.line(); }

        String get(String column) {
            return record.fields().get(columns.get(column));
        }

        /** Null when the column is absent from this file or the cell is empty. */
        String optional(String column) {
            Integer index = columns.get(column);
            if (index == null) {
                return null;
            }
            String v = record.fields().get(index);
            return v.isEmpty() ? null : v;
        }

        String required(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                throw fail(column + " is empty");
            }
            return v;
        }

        String code(String column, CodeKind kind, CodeFormats formats) {
            String v = required(column);
            if (!formats.valid(kind, v)) {
                throw fail(column + " '" + v + "' is not a valid " + kind.name().toLowerCase().replace('_', ' ')
                        + " code (" + formats.describe(kind) + ")");
            }
            return v;
        }

        String oneOf(String column, List<String> allowed) {
            String v = required(column);
            if (!allowed.contains(v)) {
                throw fail(column + " '" + v + "' is not one of " + allowed);
            }
            return v;
        }

        BigDecimal decimal(String column, BigDecimal min, BigDecimal max) {
            String v = required(column);
            BigDecimal d;
            try {
                d = new BigDecimal(v);
            } catch (NumberFormatException e) {
                throw fail(column + " '" + v + "' is not a decimal number");
            }
            if ((min != null && d.compareTo(min) < 0) || (max != null && d.compareTo(max) > 0)) {
                throw fail(column + " " + v + " is outside [" + (min == null ? "" : min.toPlainString()) + ", "
                        + (max == null ? "" : max.toPlainString()) + "]");
            }
            return d;
        }

        int integer(String column, int min, int max) {
            String v = required(column);
            int i;
            try {
                i = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw fail(column + " '" + v + "' is not an integer");
            }
            if (i < min || i > max) {
                throw fail(column + " " + i + " is outside [" + min + ", " + max + "]");
            }
            return i;
        }

        LocalDate date(String column) {
            String v = required(column);
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw fail(column + " '" + v + "' is not a date (yyyy-MM-dd)");
            }
        }

        MappingLoadException fail(String reason) {
            return new MappingLoadException(file, record.line(), reason);
        }
    }
}
