package io.insurebridge.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma separated, double-quoted fields may hold commas, quotes ("") and line breaks.
 * Each record remembers the physical line it starts on, so errors can point at file:line. Unquoted fields are
 * trimmed; blank lines are skipped.
 */
final class CsvReader {

    record Record(int line, List<String> fields) {}

    /** Thrown with the physical line where the malformed record starts. */
    static final class CsvSyntaxException extends RuntimeException {
        final int line;

        CsvSyntaxException(int line, String reason) {
            super(reason);
            this.line = line;
        }
    }

    private CsvReader() {}

    static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        StringBuilder field = new StringBuilder(64);
        while (pos < n) {
            int recordLine = line;
            List<String> fields = new ArrayList<>(12);
            boolean anyQuoted = false;
            boolean endOfRecord = false;
            while (!endOfRecord) {
                field.setLength(0);
                if (pos < n && text.charAt(pos) == '"') {
                    anyQuoted = true;
                    pos++;
                    boolean closed = false;
                    while (pos < n) {
                        char c = text.charAt(pos++);
                        if (c == '"') {
                            if (pos < n && text.charAt(pos) == '"') {
                                field.append('"');
                                pos++;
                            } else {
                                closed = true;
                                break;
                            }
                        } else {
                            if (c == '\n' || (c == '\r' && (pos >= n || text.charAt(pos) != '\n'))) {
                                line++;
                            }
                            field.append(c);
                        }
                    }
                    if (!closed) {
                        throw new CsvSyntaxException(recordLine, "unterminated quoted field");
                    }
                    fields.add(field.toString());
                    // after the closing quote only a separator or the end of the line may follow
                    int afterQuote = pos;
                    while (pos < n && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                        pos++;
                    }
                    if (pos < n && text.charAt(pos) != ',' && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        throw new CsvSyntaxException(line, "unexpected character '" + text.charAt(afterQuote)
                                + "' after a closing quote");
                    }
                } else {
                    int start = pos;
                    while (pos < n) {
                        char c = text.charAt(pos);
                        if (c == ',' || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c == '"') {
                            throw new CsvSyntaxException(line, "quote inside an unquoted field");
                        }
                        pos++;
                    }
                    fields.add(text.substring(start, pos).trim());
                }
                if (pos >= n) {
                    endOfRecord = true;
                } else {
                    char c = text.charAt(pos++);
                    if (c == '\r') {
                        if (pos < n && text.charAt(pos) == '\n') {
                            pos++;
                        }
                        line++;
                        endOfRecord = true;
                    } else if (c == '\n') {
                        line++;
                        endOfRecord = true;
                    }
                }
            }
            boolean blank = !anyQuoted && fields.size() == 1 && fields.get(0).isEmpty();
            if (!blank) {
                records.add(new Record(recordLine, fields));
            }
        }
        return records;
    }
}
