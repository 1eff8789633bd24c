package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;
import org.springframework.stereotype.Component;

import java.util.Set;

/** 7104 cancel: the issuing hospital withdraws a prescription, only as long as no pharmacy dispensed it. */
@Component
public class PrescriptionCancel implements NodeTransaction {

    private final Prescriptions prescriptions;

    public PrescriptionCancel(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7104");
    }

    @Override
    public Outcome execute(NodeCall call) {
        PrescriptionRecord rx = LockedPrescription.lock(prescriptions, call);
        if (Prescriptions.DISPENSED.equals(rx.status())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " was already dispensed by " + rx.pharmacyCode()
                    + ": it can no longer be cancelled");
        }
        if (Prescriptions.CANCELLED.equals(rx.status())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " is already cancelled");
        }
        prescriptions.setStatus(rx.hiRxno(), Prescriptions.CANCELLED, null, call.receivedAt());
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("rx_stas", Prescriptions.CANCELLED);
        return Outcome.of(output);
    }
}
