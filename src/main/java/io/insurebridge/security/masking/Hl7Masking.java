package io.insurebridge.security.masking;

import io.insurebridge.config.logging.PersonalDataMasker;

import java.util.Map;
import java.util.Set;

/**
 * Masks the personal fields of an HL7 v2 message (or ACK) by position: identifiers (PID-3 ...), names (PID-5,
 * NK1-2, IN1-16, ZIV-2, ...), addresses, phone numbers, the voucher / certificate number (ZIN-2). Everything else
 * (codes, amounts, control ids) stays readable.
 */
final class Hl7Masking {

    private enum Kind { ID, NAME, PHONE, ADDRESS }

    /** segment -> field number -> what it holds */
    private static final Map<String, Map<Integer, Kind>> FIELDS = Map.of(
            "PID", Map.of(2, Kind.ID, 3, Kind.ID, 4, Kind.ID, 5, Kind.NAME, 6, Kind.NAME, 9, Kind.NAME,
                    11, Kind.ADDRESS, 13, Kind.PHONE, 14, Kind.PHONE, 19, Kind.ID),
            "NK1", Map.of(2, Kind.NAME, 4, Kind.ADDRESS, 5, Kind.PHONE, 6, Kind.PHONE),
            "IN1", Map.of(16, Kind.NAME, 19, Kind.ADDRESS, 36, Kind.ID, 49, Kind.ID),
            "GT1", Map.of(3, Kind.NAME, 5, Kind.ADDRESS, 6, Kind.PHONE, 7, Kind.PHONE, 12, Kind.ID),
            "ZIN", Map.of(2, Kind.ID),
            "ZIV", Map.of(2, Kind.NAME));
    /** Components of an identifier (CX) that are not the number itself: type code, authority, ... */
    private static final Set<Integer> CX_NUMBER = Set.of(1);

    private Hl7Masking() {}

    static boolean looksLikeHl7(String text) {
        String t = text.stripLeading();
        if (!t.isEmpty() && t.charAt(0) == 0x0b) {
            t = t.substring(1);
        }
        return t.startsWith("MSH|") || t.startsWith("MSH^") || text.contains("\rPID|") || text.contains("\nPID|");
    }

    static String mask(String message) {
        StringBuilder out = new StringBuilder(message.length());
        int start = 0;
        char fieldSep = '|';
        int mshAt = message.indexOf("MSH");
        if (mshAt >= 0 && message.length() > mshAt + 3) {
            fieldSep = message.charAt(mshAt + 3);
        }
        for (int i = 0; i <= message.length(); i++) {
            if (i == message.length() || message.charAt(i) == '\r' || message.charAt(i) == '\n') {
                out.append(segment(message.substring(start, i), fieldSep));
                if (i < message.length()) {
                    out.append(message.charAt(i));
                }
                start = i + 1;
            }
        }
        return out.toString();
    }

    private static String segment(String segment, char sep) {
        int bar = segment.indexOf(sep);
        Map<Integer, Kind> fields = bar < 0 ? null : FIELDS.get(segment.substring(0, bar).trim());
        if (fields == null) {
            // ID numbers and voucher tokens wherever else a HIS put them (notes, OBX, Z-segments)
            return PersonalDataMasker.mask(segment, true);
        }
        String[] parts = segment.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
        for (int i = 1; i < parts.length; i++) {
            Kind kind = fields.get(i);
            parts[i] = kind != null ? field(parts[i], kind) : PersonalDataMasker.mask(parts[i], true);
        }
        return String.join(String.valueOf(sep), parts);
    }

    /** Each repetition (~) and component (^, &) on its own, so the structure stays parseable. */
    private static String field(String value, Kind kind) {
        StringBuilder out = new StringBuilder();
        String[] repetitions = value.split("~", -1);
        for (int r = 0; r < repetitions.length; r++) {
            if (r > 0) {
                out.append('~');
            }
            String[] components = repetitions[r].split("\\^", -1);
            for (int c = 0; c < components.length; c++) {
                if (c > 0) {
                    out.append('^');
                }
                String v = components[c];
                boolean personal = switch (kind) {
                    case ID -> CX_NUMBER.contains(c + 1);
                    case NAME -> c < 3;   // family, given, further given names
                    case PHONE -> c == 0 || c == 11;   // the number, or XTN-12 unformatted
                    case ADDRESS -> c < 2;   // street lines
                };
                if (personal && !v.isEmpty()) {
                    // a family name (or a whole Chinese name in XPN-1) keeps its first character; given names none
                    out.append(kind == Kind.NAME && c > 0 ? "*".repeat(v.codePointCount(0, v.length()))
                            : Masks.of(kind.name(), v));
                } else {
                    out.append(v);
                }
            }
        }
        return out.toString();
    }
}
