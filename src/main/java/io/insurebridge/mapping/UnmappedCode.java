package io.insurebridge.mapping;

/**
 * A local code the crosswalk does not know. Kept with where it was found (segment, 1-based repetition of that
 * segment in the message, field number) so the HIS and the operator can see exactly which line is held.
 */
public record UnmappedCode(Kind kind, String localCode, String segment, int repetition, int field, String text) {
    public enum Kind { ITEM, DIAGNOSIS }
}
