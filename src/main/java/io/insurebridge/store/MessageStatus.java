package io.insurebridge.store;

/** Where an inbound message stands; every change is also a hop in its trace. */
public enum MessageStatus {
    /** stored, not yet handed on */
    RECEIVED,
    /** on its durable queue, acknowledged AA */
    QUEUED,
    /** taken by the processing flow, waiting for the national transactions */
    PROCESSING,
    /** processed to the end; the final answer is in ack */
    PROCESSED,
    /** refused (AE/AR); never enqueued */
    REJECTED,
    /** a local code has no national code yet; held until the crosswalk is completed */
    NEEDS_MAPPING,
    /** the node did not answer in time; the result will be stored when it does */
    PENDING,
    /** failed after storage; can be re-driven */
    FAILED
}
