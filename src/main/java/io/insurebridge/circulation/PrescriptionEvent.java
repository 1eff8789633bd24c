package io.insurebridge.circulation;

import java.time.OffsetDateTime;

/**
 * Something that happened to a prescription that agencies may want to know (supervision, statistics):
 * type "prescription.uploaded", ".reviewed", ".review-refused", ".dispensed", ".delivered", ".cancelled",
 * ".expired", ".tampered".
 */
public record PrescriptionEvent(String type, String hiRxno, String institutionCode, String pharmacyCode,
                                String detail, OffsetDateTime at) {

    public static final String TAMPERED = "prescription.tampered";
}
