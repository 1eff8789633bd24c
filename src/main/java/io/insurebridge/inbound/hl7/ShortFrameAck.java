package io.insurebridge.inbound.hl7;

import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.component.mllp.MllpTcpServerConsumer;
import org.apache.camel.component.mllp.internal.TcpSocketConsumerRunnable;

import java.util.Objects;

/**
 * Works around a camel-mllp 4.17 defect: when the ACK is given as the CamelMllpAcknowledgement property,
 * MllpTcpServerConsumer.sendAcknowledgement reads byte 3 of the received frame (the MSH field separator) without a
 * length check, so a frame of 0 to 3 bytes ("", "M", "MSH") throws ArrayIndexOutOfBoundsException and the
 * connection is reset with no ACK at all. For such a frame the ACK is put into the connection's own MLLP buffer
 * instead (the property stays unset): camel-mllp then logs "acknowledgement disabled" and writes that buffer.
 */
final class ShortFrameAck {

    /** Frames shorter than this trip the defect. */
    static final int MIN_SAFE_FRAME = 4;

    private ShortFrameAck() {}

    static boolean needed(byte[] frame) {
        return frame.length < MIN_SAFE_FRAME;
    }

    /** Hands the ACK to the connection's buffer; false when the connection cannot be found (then nothing is sent). */
    static boolean deliver(Exchange exchange, byte[] ack) {
        TcpSocketConsumerRunnable connection = connection(exchange);
        if (connection == null) {
            return false;
        }
        connection.getMllpBuffer().setEnvelopedMessage(ack);
        return true;
    }

    /** The listener's connection this exchange came in on (same remote and local address). */
    private static TcpSocketConsumerRunnable connection(Exchange exchange) {
        Route route = exchange.getContext().getRoute(exchange.getFromRouteId());
        Consumer consumer = route == null ? null : route.getConsumer();
        if (!(consumer instanceof MllpTcpServerConsumer mllp)) {
            return null;
        }
        String remote = exchange.getIn().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, String.class);
        String local = exchange.getIn().getHeader(MllpConstants.MLLP_LOCAL_ADDRESS, String.class);
        for (TcpSocketConsumerRunnable candidate : mllp.getConsumerRunnables().keySet()) {
            if (remote != null && remote.equals(candidate.getRemoteAddress())
                    && Objects.equals(local, candidate.getLocalAddress())) {
                return candidate;
            }
        }
        return null;
    }
}
