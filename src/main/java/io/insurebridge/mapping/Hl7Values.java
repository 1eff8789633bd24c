package io.insurebridge.mapping;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/** Parsing of HL7 v2 primitive values (DTM, NM) without exceptions: null = not parseable. */
final class Hl7Values {
    private Hl7Values() {}

    /** DTM YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ] -> local date-time (the hospital's own clock; zone dropped). */
    static LocalDateTime dateTime(String v) {
        if (v == null) {
            return null;
        }
        String s = v.strip();
        int zone = Math.max(s.indexOf('+'), s.indexOf('-'));
        if (zone > 0) {
            s = s.substring(0, zone);
        }
        int dot = s.indexOf('.');
        if (dot > 0) {
            s = s.substring(0, dot);
        }
        if (!s.matches("\\d{8}(\\d{2}){0,3}")) {
            return null;
        }
        try {
            return LocalDateTime.of(Integer.parseInt(s.substring(0, 4)), Integer.parseInt(s.substring(4, 6)),
                    Integer.parseInt(s.substring(6, 8)), part(s, 8), part(s, 10), part(s, 12));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int part(String s, int at) {
        return s.length() >= at + 2 ? Integer.parseInt(s.substring(at, at + 2)) : 0;
    }

    static BigDecimal decimal(String v) {
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Integer integer(String v) {
        BigDecimal d = decimal(v);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
