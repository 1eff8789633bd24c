package io.insurebridge.patient.bill;

/** The person as a bill shows them: enough to recognise, not enough to identify. */
final class Masking {
    private Masking() {}

    /** 张伟 -> 张*, 欧阳娜娜 -> 欧***. */
    static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int first = name.offsetByCodePoints(0, 1);
        int rest = name.codePointCount(first, name.length());
        return name.substring(0, first) + "*".repeat(Math.max(1, rest));
    }

    /** Keeps the first and last n characters. */
    static String keepEnds(String value, int head, int tail) {
        if (value == null || value.length() <= head + tail) {
            return value == null ? "" : "*".repeat(value.length());
        }
        return value.substring(0, head) + "*".repeat(value.length() - head - tail)
                + value.substring(value.length() - tail);
    }
}
