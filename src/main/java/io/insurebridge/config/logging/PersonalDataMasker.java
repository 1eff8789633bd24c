package io.insurebridge.config.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in a log line: 18-character resident ID numbers, e-voucher tokens, and names where a log
 * line carries them (HL7 PID-5, the platform's psn_name / name JSON fields, "name=" pairs).
 */
public final class PersonalDataMasker {

    /** 6-digit division, birth date 19xx/20xx, 3 digits, check character; not inside a longer number. */
    private static final Pattern RESIDENT_ID = Pattern.compile(
            "(?<![0-9A-Za-z])([1-9][0-9]{5})((?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})"
                    + "([0-9Xx])(?![0-9A-Za-z])");
    /** A signed e-voucher token (EV1.<claims>.<signature>, base64url): a bearer credential, never logged. */
    private static final Pattern SIGNED_VOUCHER = Pattern.compile("(?<![0-9A-Za-z])EV1\\.[A-Za-z0-9_\\-]+(\\.[A-Za-z0-9_\\-]+)*");
    private static final Pattern EVOUCHER = Pattern.compile("(?<![0-9A-Za-z])EV([0-9A-Za-z]{2})[0-9A-Za-z]{6,}");
    /** PID-5 (patient name, every component) of an HL7 segment in the line. */
    private static final Pattern PID5 = Pattern.compile(
            "(PID\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|)([^|\\r\\n]*)");
    private static final Pattern JSON_NAME = Pattern.compile("(\"(?:psn_name|name|patientName)\"\\s*:\\s*\")([^\"]*)(\")");
    private static final Pattern NAME_PAIR = Pattern.compile("((?:psn_name|name)=)(\\p{IsHan}+)");

    private PersonalDataMasker() {}

    public static String mask(String line) {
        return mask(line, false);
    }

    /**
     * @param keepEnds ID numbers keep their division code and last four characters (330102********0117: API views
     *                 for people without the personal-data right); false keeps 3 + 1 (log lines)
     */
    public static String mask(String line, boolean keepEnds) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        String s = RESIDENT_ID.matcher(line).replaceAll(m -> keepEnds ? idNumber(m.group()) : m.group(1)
                .substring(0, 3) + "*".repeat(14) + m.group(3).toUpperCase());
        s = SIGNED_VOUCHER.matcher(s).replaceAll("EV1.******");
        s = EVOUCHER.matcher(s).replaceAll("EV$1******");
        s = replaceGroup(PID5, s, 2);
        s = replaceGroup(JSON_NAME, s, 2);
        s = replaceGroup(NAME_PAIR, s, 2);
        return s;
    }

    private static String replaceGroup(Pattern p, String s, int group) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            StringBuilder replacement = new StringBuilder();
            for (int g = 1; g <= m.groupCount(); g++) {
                replacement.append(g == group ? name(m.group(g)) : m.group(g));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** An 18-character resident ID number as 330102********0117 (division and last four kept). */
    public static String idNumber(String id) {
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4).toUpperCase();
    }

    /** True for an 18-character resident ID number (division, birth date, sequence, check character). */
    public static boolean isResidentId(String value) {
        return value != null && RESIDENT_ID.matcher(value).matches();
    }

    /** Keeps the first character (a surname) so an operator can still tell two people apart; hides the rest. */
    public static String name(String value) {
        if (value.isEmpty()) {
            return value;
        }
        int first = value.codePointAt(0);
        return new String(Character.toChars(first)) + "*".repeat(Math.max(1, value.codePointCount(0, value.length()) - 1));
    }
}
