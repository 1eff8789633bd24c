package io.insurebridge.mapping;

/**
 * Runs a held message through mapping again (implemented by the message store). Called for every message a
 * mapping gap holds, typically after the crosswalk gained the missing code.
 */
public interface HeldMessageReprocessor {
    ReprocessOutcome reprocess(long messageId);
}
