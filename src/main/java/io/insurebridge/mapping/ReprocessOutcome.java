package io.insurebridge.mapping;

/** What reprocessing one held message gave. Only REPROCESSED releases the message from its gap. */
public record ReprocessOutcome(long messageId, Status status, String detail) {
    public enum Status {
        /** mapped now and sent on */
        REPROCESSED,
        /** still has unmapped codes; stays held */
        STILL_UNMAPPED,
        /** could not be reprocessed (not found, not held, error) */
        FAILED
    }

    public boolean released() {
        return status == Status.REPROCESSED;
    }
}
