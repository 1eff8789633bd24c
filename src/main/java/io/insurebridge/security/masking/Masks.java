package io.insurebridge.security.masking;

import io.insurebridge.config.logging.PersonalDataMasker;

/** How one personal value is shown to someone without the personal-data right. */
final class Masks {

    private Masks() {}

    static String of(String kind, String value) {
        return switch (kind) {
            case "ID" -> identifier(value);
            case "PHONE" -> phone(value);
            default -> PersonalDataMasker.name(value);
        };
    }

    /** 330102********0117 for a resident ID; otherwise the first four and last two kept (EV33********01). */
    static String identifier(String value) {
        String v = value.trim();
        if (v.indexOf('*') >= 0) {
            return v;   // already masked by its producer (an electronic bill shows the person masked)
        }
        if (PersonalDataMasker.isResidentId(v)) {
            return PersonalDataMasker.idNumber(v);
        }
        if (v.length() >= 8) {
            return v.substring(0, 4) + "*".repeat(v.length() - 6) + v.substring(v.length() - 2);
        }
        return v.isEmpty() ? v : v.charAt(0) + "*".repeat(Math.max(1, v.length() - 1));
    }

    /** 138****5678: the network prefix and the last four digits kept. */
    static String phone(String value) {
        String v = value.trim();
        if (v.length() >= 8) {
            return v.substring(0, 3) + "*".repeat(v.length() - 7) + v.substring(v.length() - 4);
        }
        return "*".repeat(v.length());
    }
}
