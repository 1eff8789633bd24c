package io.insurebridge.inbound.hl7;

/** MSA-1 acknowledgement codes (original mode). */
public enum AckCode {
    /** accepted */
    AA,
    /** content error: the sender should fix and resend */
    AE,
    /** rejected: unparseable, unsupported type or version */
    AR
}
