package io.insurebridge.platform;

/** The platform answered infcode -1: errMsg is written for the cashier and goes back to the HIS as it is. */
public class PlatformRejectedException extends RuntimeException {
    private final String infno;
    private final String errMsg;
    private final String msgid;

    public PlatformRejectedException(String infno, String errMsg, String msgid) {
        super(infno + " rejected: " + errMsg);
        this.infno = infno;
        this.errMsg = errMsg;
        this.msgid = msgid;
    }

    public PlatformRejectedException(String infno, String errMsg) { this(infno, errMsg, null); }

    public String infno() { return infno; }
    public String errMsg() { return errMsg; }
    public String msgid() { return msgid; }
}
