package io.insurebridge.inbound.hl7;

import java.nio.charset.Charset;

/** The ACK to send back, in the charset the message came in, and the store row it belongs to (0 if none). */
public record IntakeResult(long messageId, AckCode code, String ack, Charset charset, boolean duplicate) {
    public byte[] ackBytes() { return ack.getBytes(charset); }
}
