package io.insurebridge.store;

/** What the front door knows of a message when it stores it, before any decision. */
public record InboundMessage(String connector, String protocol, String sendingApp, String sendingFacility,
                             String receivingApp, String receivingFacility, String controlId, String messageType,
                             String version, String charset, String raw) {

    /** The key a HIS retry is recognised by: sender and its control id (MSH-3, MSH-4, MSH-10). */
    public String dedupKey() {
        if (controlId == null || controlId.isBlank()) {
            return null;
        }
        return nullToEmpty(sendingApp) + "|" + nullToEmpty(sendingFacility) + "|" + controlId;
    }

    private static String nullToEmpty(String s) { return s == null ? "" : s; }
}
