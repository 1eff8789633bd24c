package io.insurebridge.model;

/** What the HIS asks for with a charge message. */
public enum SettleMode {
    /** upload the fees only (2203 + 2204) */
    UPLOAD_ONLY,
    /** 2203 + 2204 + 2206: figures, no state change */
    PRE_SETTLE,
    /** 2203 + 2204 + 2207: commit */
    SETTLE,
    /** 2208 (and 2205) for a settled visit */
    CANCEL
}
