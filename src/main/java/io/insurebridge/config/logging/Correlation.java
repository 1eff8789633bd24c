package io.insurebridge.config.logging;

import org.slf4j.MDC;

/**
 * The correlation ids of a message's journey in the logging MDC: messageId (the stored message, set from intake to
 * final answer), controlId (the sender's MSH-10) and msgid (a national transaction). Plain log lines show them
 * through the pattern, JSON lines as fields.
 */
public final class Correlation {

    public static final String MESSAGE_ID = "messageId";
    public static final String CONTROL_ID = "controlId";
    public static final String MSGID = "msgid";

    private Correlation() {}

    /** A new inbound message on this thread: forget the previous one's ids. */
    public static void start(String controlId) {
        clear();
        if (controlId != null) {
            MDC.put(CONTROL_ID, controlId);
        }
    }

    public static void message(Object messageId) {
        MDC.put(MESSAGE_ID, String.valueOf(messageId));
    }

    public static void msgid(String msgid) {
        if (msgid != null) {
            MDC.put(MSGID, msgid);
        }
    }

    public static void clear() {
        MDC.remove(MESSAGE_ID);
        MDC.remove(CONTROL_ID);
        MDC.remove(MSGID);
    }
}
