package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * 7103 dispensing result: the pharmacy that passed the review dispensed (or delivered, delv_flag "1") the drugs.
 * From here on the hospital can no longer cancel.
 */
@Component
public class PrescriptionDispensing implements NodeTransaction {

    private final Prescriptions prescriptions;

    public PrescriptionDispensing(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7103");
    }

    @Override
    public Outcome execute(NodeCall call) {
        PrescriptionRecord rx = LockedPrescription.lock(prescriptions, call);
        LockedPrescription.refuseIfClosed(rx, call);
        return dispense(prescriptions, rx, LockedPrescription.pharmacy(call), call);
    }

    /** {@code pharmacy} dispensed or delivered (7103 reported by the hospital, 7205 by the pharmacy itself). */
    static Outcome dispense(Prescriptions prescriptions, PrescriptionRecord rx, Pharmacy pharmacy, NodeCall call) {
        if (!Prescriptions.REVIEWED.equals(rx.status()) || !pharmacy.code().equals(rx.pharmacyCode())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " must pass the review of " + pharmacy.code()
                    + " (7102) before dispensing");
        }
        prescriptions.setStatus(rx.hiRxno(), Prescriptions.DISPENSED, pharmacy.code(), call.receivedAt());
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("rx_stas", Prescriptions.DISPENSED);
        data.put("phar_code", pharmacy.code());
        return Outcome.of(output);
    }
}
