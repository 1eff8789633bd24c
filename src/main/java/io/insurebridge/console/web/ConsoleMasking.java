package io.insurebridge.console.web;

import io.insurebridge.config.logging.PersonalDataMasker;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masking for everything the console shows: the log masker (ID numbers, e-vouchers, PID-5, psn_name) plus every
 * other place a name found in the message turns up (ZIV segments, ACK texts, platform answers).
 */
public final class ConsoleMasking {

    private static final Pattern PID5 = Pattern.compile("(?m)PID\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|[^|\\r\\n]*\\|([^|\\r\\n]*)");
    private static final Pattern JSON_NAME = Pattern.compile("\"(?:psn_name|name|patientName|family|text)\"\\s*:\\s*\"(\\p{IsHan}[^\"]{0,20})\"");
    private static final Pattern HAN_NAME = Pattern.compile("^\\p{IsHan}{2,4}$");

    private ConsoleMasking() {}

    /** The person names a set of texts carries (HL7 PID-5 components, JSON name fields). */
    public static Set<String> namesIn(String... texts) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null) {
                continue;
            }
            Matcher m = PID5.matcher(text);
            while (m.find()) {
                for (String component : m.group(1).split("[\\^~]")) {
                    if (!component.isBlank()) {
                        names.add(component.trim());
                    }
                }
            }
            Matcher j = JSON_NAME.matcher(text);
            while (j.find()) {
                names.add(j.group(1));
            }
        }
        return names;
    }

    /** Masks ID numbers and the given names wherever they stand. */
    public static String mask(String text, Set<String> names) {
        if (text == null) {
            return null;
        }
        String s = PersonalDataMasker.mask(text);
        for (String name : names) {
            if (name.length() >= 2) {
                s = s.replace(name, name(name));
            }
        }
        return s;
    }

    public static String mask(String text) {
        return mask(text, namesIn(text));
    }

    /** 张伟 -> 张*: the surname stays so two people can still be told apart. */
    public static String name(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        int first = value.codePointAt(0);
        return new String(Character.toChars(first)) + "*".repeat(Math.max(1, value.codePointCount(0, value.length()) - 1));
    }

    /** A value that may be a name (Chinese, 2-4 characters) is masked; codes stay readable. */
    public static String maybeName(String value) {
        return value != null && HAN_NAME.matcher(value).matches() ? name(value) : mask(value, Set.of());
    }
}
