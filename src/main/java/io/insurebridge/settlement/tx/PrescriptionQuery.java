package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * 7105 status query: where the prescription stands (rx_stas, pharmacy, validity). The payment status is "0"
 * (unsettled) until pharmacy settlement (med_type 41) exists.
 */
@Component
public class PrescriptionQuery implements NodeTransaction {

    private final Prescriptions prescriptions;

    public PrescriptionQuery(Prescriptions prescriptions) {
        this.prescriptions = prescriptions;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7105");
    }

    @Override
    public Outcome execute(NodeCall call) {
        PrescriptionRecord rx = LockedPrescription.lock(prescriptions, call);
        boolean expired = rx.expiredAt(call.receivedAt()) && !Prescriptions.DISPENSED.equals(rx.status())
                && !Prescriptions.CANCELLED.equals(rx.status());
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("rx_trace_code", rx.rxTraceCode());
        data.put("hosp_rxno", rx.hospRxno());
        data.put("rx_stas", expired ? "EXPIRED" : rx.status());
        data.put("phar_code", rx.pharmacyCode() == null ? "" : rx.pharmacyCode());
        data.put("valid_end_time", NodeCallTimes.format(rx.validUntil(), call.zone()));
        data.put("setl_stas", "0");
        return Outcome.of(output);
    }
}
