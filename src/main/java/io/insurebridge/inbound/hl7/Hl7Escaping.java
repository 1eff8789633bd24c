package io.insurebridge.inbound.hl7;

/** HL7 v2 escape sequences for values written into segments we build. */
public final class Hl7Escaping {

    private Hl7Escaping() {}

    public static String escape(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\E\\");
                case '|' -> sb.append("\\F\\");
                case '^' -> sb.append("\\S\\");
                case '&' -> sb.append("\\T\\");
                case '~' -> sb.append("\\R\\");
                // CR would end the segment: hex-escaped, so the text survives
                case '\r' -> sb.append("\\X0D\\");
                case '\n' -> sb.append("\\X0A\\");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
