package io.insurebridge.platform;

/** The request certainly did not reach the platform (connection refused, broker down): safe to retry later. */
public class PlatformUnavailableException extends RuntimeException {
    private final String msgid;

    public PlatformUnavailableException(String msgid, String message, Throwable cause) {
        super(message, cause);
        this.msgid = msgid;
    }

    public String msgid() { return msgid; }
}
