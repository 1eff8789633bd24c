package io.insurebridge.inbound.connector.delivery;

/** The counterpart answered and refused the message (HL7 AE/AR, HTTP 4xx): resending the same bytes cannot help. */
public class CounterpartRejectedException extends RuntimeException {
    public CounterpartRejectedException(String message) {
        super(message);
    }
}
