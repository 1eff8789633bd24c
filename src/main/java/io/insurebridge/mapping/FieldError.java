package io.insurebridge.mapping;

/**
 * A required field missing or invalid, located like an HL7 ERR-2 (segment, 1-based repetition, field) with an
 * HL7 table 0357 error code: 101 required field missing, 102 data type error, 103 table value not found,
 * 200 unsupported message type.
 */
public record FieldError(String segment, int repetition, int field, String hl7ErrorCode, String text) {
    public static final String REQUIRED_FIELD_MISSING = "101";
    public static final String DATA_TYPE_ERROR = "102";
    public static final String TABLE_VALUE_NOT_FOUND = "103";
    public static final String UNSUPPORTED_MESSAGE_TYPE = "200";
}
