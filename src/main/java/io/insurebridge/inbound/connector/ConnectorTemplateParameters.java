package io.insurebridge.inbound.connector;

import java.util.Map;

/**
 * Adds the template parameters a kind needs beyond the file's own keys (e.g. the events topic of an agency).
 * Beans of this type are asked for every connector that {@link #handles} before its route is built.
 */
public interface ConnectorTemplateParameters {

    boolean handles(String kind);

    /** May throw {@link ConnectorConfigException} naming file, key and why; the connector then shows as FAILED. */
    Map<String, String> parameters(ConnectorDefinition connector);
}
