package io.insurebridge.inbound.hl7;

import java.util.Map;
import java.util.Optional;

/** The three kinds of inbound HL7 traffic; each has its own durable queue (names in configuration). */
public enum MessageKind {
    REGISTRATION, CHARGES, PRESCRIPTION;

    private static final Map<String, MessageKind> BY_TYPE = Map.of(
            "ADT^A04", REGISTRATION,
            "ADT^A08", REGISTRATION,
            "ADT^A11", REGISTRATION,
            "DFT^P03", CHARGES,
            "RDE^O11", PRESCRIPTION,
            "OMP^O09", PRESCRIPTION);

    public static Optional<MessageKind> of(String messageType) {
        return Optional.ofNullable(BY_TYPE.get(messageType));
    }

    public static boolean knowsType(String type) {
        return BY_TYPE.keySet().stream().anyMatch(t -> t.startsWith(type + "^"));
    }
}
