package io.insurebridge.settlement.tx;

import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;

/** Lookups shared by the prescription transactions: the prescription (locked, of the calling institution) and the pharmacy. */
final class LockedPrescription {

    private LockedPrescription() {}

    static PrescriptionRecord lock(Prescriptions prescriptions, NodeCall call) {
        String hiRxno = NodeCall.required(call.data(), "hi_rxno", "input.data");
        PrescriptionRecord rx = prescriptions.lock(hiRxno)
                .orElseThrow(() -> new PolicyRefusal("Unknown prescription hi_rxno " + hiRxno));
        if (!rx.institutionCode().equals(call.request().fixmedins_code())) {
            throw new PolicyRefusal("Prescription " + hiRxno + " was not issued by " + call.request().fixmedins_code());
        }
        return rx;
    }

    static Pharmacy pharmacy(NodeCall call) {
        String code = NodeCall.required(call.data(), "phar_code", "input.data");
        Pharmacy pharmacy = call.mappings().pharmacy(code)
                .orElseThrow(() -> new PolicyRefusal("Pharmacy " + code + " is not a designated retail pharmacy"));
        if (!pharmacy.agreementActive()) {
            throw new PolicyRefusal("Pharmacy " + code + " has no active agreement");
        }
        return pharmacy;
    }

    /**
     * The pharmacy calling in its own envelope (2101/2102, 7201-7206): fixmedins_code must be a designated retail
     * pharmacy with an active agreement.
     */
    static Pharmacy envelopePharmacy(NodeCall call) {
        String code = call.request().fixmedins_code();
        if (code == null || code.isBlank()) {
            throw new PolicyRefusal("Missing fixmedins_code in the envelope: the pharmacy's code");
        }
        Pharmacy pharmacy = call.mappings().pharmacy(code).orElseThrow(() -> new PolicyRefusal(code
                + " is not a designated retail pharmacy: transaction " + call.infno() + " is for pharmacies"));
        if (!pharmacy.agreementActive()) {
            throw new PolicyRefusal("Pharmacy " + code + " has no active agreement: no insurance transactions");
        }
        return pharmacy;
    }

    static void refuseIfClosed(PrescriptionRecord rx, NodeCall call) {
        if (Prescriptions.CANCELLED.equals(rx.status())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " was cancelled by the hospital");
        }
        if (Prescriptions.DISPENSED.equals(rx.status())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " was already dispensed by " + rx.pharmacyCode());
        }
        if (rx.expiredAt(call.receivedAt())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " expired at "
                    + NodeCallTimes.format(rx.validUntil(), call.zone()));
        }
    }
}
