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

/** 7102 review result: a pharmacy's pharmacist passed ("1") or refused ("0") an open, unexpired prescription. */
@Component
public class PrescriptionReview implements NodeTransaction {

    private final Prescriptions prescriptions;

    public PrescriptionReview(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7102");
    }

    @Override
    public Outcome execute(NodeCall call) {
        PrescriptionRecord rx = LockedPrescription.lock(prescriptions, call);
        LockedPrescription.refuseIfClosed(rx, call);
        return review(prescriptions, rx, LockedPrescription.pharmacy(call), call);
    }

    /** The review of {@code pharmacy}'s pharmacist (7102 reported by the hospital, 7204 by the pharmacy itself). */
    static Outcome review(Prescriptions prescriptions, PrescriptionRecord rx, Pharmacy pharmacy, NodeCall call) {
        String result = NodeCall.required(call.data(), "rvw_rslt", "input.data");
        if (!result.equals("1") && !result.equals("0")) {
            throw new PolicyRefusal("rvw_rslt '" + result + "' must be 1 (passed) or 0 (refused)");
        }
        if (Prescriptions.REVIEWED.equals(rx.status()) && !pharmacy.code().equals(rx.pharmacyCode())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " is already taken by pharmacy " + rx.pharmacyCode());
        }
        String status = result.equals("1") ? Prescriptions.REVIEWED : Prescriptions.REVIEW_REFUSED;
        prescriptions.setStatus(rx.hiRxno(), status, result.equals("1") ? pharmacy.code() : null, call.receivedAt());
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("rx_stas", status);
        return Outcome.of(output);
    }
}
