package io.insurebridge.inbound.connector;

/** A connector file that cannot be used; the message names the file, the key and why. */
public class ConnectorConfigException extends RuntimeException {
    public ConnectorConfigException(String file, String key, String why) {
        super(file + ": key '" + key + "': " + why);
    }

    public ConnectorConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
