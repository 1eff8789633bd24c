package io.insurebridge.fanout;

import java.util.List;

/** The event types on the topic (header eventType, field event_type). */
public final class EventType {
    public static final String SETTLEMENT = "settlement";
    public static final String CANCELLATION = "cancellation";
    public static final String REJECTION = "rejection";
    public static final String BUDGET_ALERT = "budget-alert";
    public static final String REGISTRY = "registry";
    /** Published by prescription circulation (issue 7, first half); agencies may subscribe to it. */
    public static final String PRESCRIPTION = "prescription";

    public static final List<String> ALL = List.of(SETTLEMENT, CANCELLATION, REJECTION, BUDGET_ALERT, REGISTRY,
            PRESCRIPTION);

    private EventType() {}
}
