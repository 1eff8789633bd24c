package io.insurebridge.inbound.connector.delivery;

/** Exchange properties the connector route templates set and the delivery beans read. */
public final class DeliveryProperties {
    /** the connector's name, set first by every connector route */
    public static final String CONNECTOR = "insurebridgeConnector";

    private DeliveryProperties() {}
}
