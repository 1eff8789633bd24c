package io.insurebridge.platform.gateway;

/** Where a registered visit stands with the platform (gateway_visits.status). */
public enum VisitStatus {
    REGISTERED,
    /** 2203 + 2204 accepted, nothing settled */
    FEES_UPLOADED,
    /** 2206 answered: figures known, nothing committed */
    PRE_SETTLED,
    /** a 2207 was sent and its answer never came: settle nothing more until it is reversed (2601) */
    SETTLE_PENDING,
    SETTLED,
    /** 2202 done */
    CANCELLED
}
