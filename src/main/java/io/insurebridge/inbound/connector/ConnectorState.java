package io.insurebridge.inbound.connector;

/** What a connector's route is doing. */
public enum ConnectorState {
    /** its route runs */
    STARTED,
    /** disabled in its file, or its kind has no route in this product yet */
    STOPPED,
    /** its route could not be built or started (e.g. port in use); see lastError */
    FAILED
}
