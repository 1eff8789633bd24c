package io.insurebridge.inbound.hl7;

/**
 * One ERR segment of an ACK: where (ERR-2: segment, its sequence in the message, field, component), the HL7
 * error code of table 0357 (ERR-3) and a text a person can act on (ERR-8).
 */
public record Hl7Error(String segment, int sequence, int field, int component, int code, String text) {

    public static final int SEGMENT_SEQUENCE_ERROR = 100;
    public static final int REQUIRED_FIELD_MISSING = 101;
    public static final int DATA_TYPE_ERROR = 102;
    public static final int TABLE_VALUE_NOT_FOUND = 103;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    public static final int UNSUPPORTED_EVENT_CODE = 201;
    public static final int UNSUPPORTED_VERSION = 203;
    public static final int UNKNOWN_KEY = 204;
    public static final int DUPLICATE_KEY = 205;
    public static final int APPLICATION_INTERNAL_ERROR = 207;

    public static Hl7Error at(String segment, int sequence, int field, int code, String text) {
        return new Hl7Error(segment, sequence, field, 0, code, text);
    }

    /** An error about the message as a whole (no location). */
    public static Hl7Error general(int code, String text) {
        return new Hl7Error(null, 0, 0, 0, code, text);
    }

    public String codeText() {
        return switch (code) {
            case SEGMENT_SEQUENCE_ERROR -> "Segment sequence error";
            case REQUIRED_FIELD_MISSING -> "Required field missing";
            case DATA_TYPE_ERROR -> "Data type error";
            case TABLE_VALUE_NOT_FOUND -> "Table value not found";
            case UNSUPPORTED_MESSAGE_TYPE -> "Unsupported message type";
            case UNSUPPORTED_EVENT_CODE -> "Unsupported event code";
            case UNSUPPORTED_VERSION -> "Unsupported version id";
            case UNKNOWN_KEY -> "Unknown key identifier";
            case DUPLICATE_KEY -> "Duplicate key identifier";
            default -> "Application internal error";
        };
    }

    /** "PID-3", "FT1[2]-7": for reasons stored with the message. */
    public String location() {
        if (segment == null) {
            return "";
        }
        return segment + (sequence > 1 ? "[" + sequence + "]" : "") + (field > 0 ? "-" + field : "");
    }

    @Override
    public String toString() {
        String where = location();
        return (where.isEmpty() ? "" : where + ": ") + text;
    }
}
