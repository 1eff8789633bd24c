package io.insurebridge.settlement.tx;

import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;

/** Lookups shared by 7102-7105: the prescription (locked, of the calling institution) and the pharmacy. */
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
