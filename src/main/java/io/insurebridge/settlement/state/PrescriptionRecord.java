package io.insurebridge.settlement.state;

import java.time.OffsetDateTime;

/** One row of node_prescription. */
public record PrescriptionRecord(String hiRxno, String rxTraceCode, String institutionCode, String hospRxno,
                                 String doctorCode, String psnNo, String status, String pharmacyCode,
                                 OffsetDateTime validUntil, OffsetDateTime uploadedAt, OffsetDateTime updatedAt) {

    public boolean expiredAt(OffsetDateTime at) {
        return at.isAfter(validUntil);
    }
}
