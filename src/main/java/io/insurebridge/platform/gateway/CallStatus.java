package io.insurebridge.platform.gateway;

/** What became of one transaction sent to the platform (platform_calls.status). */
public enum CallStatus {
    /** written before sending; stays so only if the gateway died waiting */
    SENT,
    /** infcode 0 */
    ANSWERED,
    /** infcode -1 */
    REJECTED,
    /** no answer in time: the platform may or may not have done it (reverse with 2601) */
    TIMEOUT,
    /** certainly not delivered (connection refused, broker down) */
    FAILED
}
