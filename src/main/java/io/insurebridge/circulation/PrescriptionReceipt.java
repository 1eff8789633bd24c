package io.insurebridge.circulation;

import java.util.List;

/**
 * The answer to a submitted prescription: the platform prescription number and trace code (7101 output) when
 * accepted, or the reason it was refused; and the pharmacies it was sent to.
 */
public record PrescriptionReceipt(boolean accepted, String hiRxno, String rxTraceCode, String errMsg,
                                  List<String> pharmacies) {

    public static PrescriptionReceipt accepted(String hiRxno, String rxTraceCode, List<String> pharmacies) {
        return new PrescriptionReceipt(true, hiRxno, rxTraceCode, null, List.copyOf(pharmacies));
    }

    public static PrescriptionReceipt refused(String errMsg) {
        return new PrescriptionReceipt(false, null, null, errMsg, List.of());
    }
}
