package io.insurebridge.circulation;

import java.time.OffsetDateTime;

/** One row of rx_prescription: a prescription this gateway uploaded and put into circulation. */
public record CirculatedPrescription(String hiRxno, String rxTraceCode, String institutionCode, String hospRxno,
                                     Long messageId, String chosenPharmacy, String status, OffsetDateTime validUntil,
                                     String signedPayload, OffsetDateTime createdAt, OffsetDateTime updatedAt) {}
