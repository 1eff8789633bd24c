package io.insurebridge.platform;

/**
 * No answer in time. The request may still be processed, so the outcome is unknown ("pending"): the msgid is what a
 * later query or a 2601 reversal needs.
 */
public class PlatformTimeoutException extends RuntimeException {
    private final String msgid;
    private final String infno;

    public PlatformTimeoutException(String msgid, String infno, String message, Throwable cause) {
        super(message, cause);
        this.msgid = msgid;
        this.infno = infno;
    }

    public PlatformTimeoutException(String msgid, String infno, String message) {
        this(msgid, infno, message, null);
    }

    public String msgid() { return msgid; }
    public String infno() { return infno; }
}
