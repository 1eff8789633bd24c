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
 * 7105 status query: where the prescription stands (rx_stas, pharmacy, validity) and its payment status
 * (setl_stas "1" with setl_id once the pharmacy settled the dispensed drugs, 2102).
 */
@Component
public class PrescriptionQuery implements NodeTransaction {

    private final Prescriptions prescriptions;
    private final io.insurebridge.settlement.state.DrugSettlements drugSettlements;

    public PrescriptionQuery(Prescriptions prescriptions,
                             io.insurebridge.settlement.state.DrugSettlements drugSettlements) {
        this.prescriptions = prescriptions;
        this.drugSettlements = drugSettlements;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7105");
    }

    @Override
    public Outcome execute(NodeCall call) {
        return Outcome.of(status(prescriptions, drugSettlements, LockedPrescription.lock(prescriptions, call), call));
    }

    /** Where the prescription stands (7105 for the hospital, 7202 for the pharmacy holding its trace code). */
    static ObjectNode status(Prescriptions prescriptions, io.insurebridge.settlement.state.DrugSettlements drugSettlements,
                             PrescriptionRecord rx, NodeCall call) {
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
        // "1" once the pharmacy's drug settlement (2102) is done, with its setl_id
        var settled = drugSettlements.output(rx.hiRxno());
        data.put("setl_stas", settled.isPresent() ? "1" : "0");
        settled.ifPresent(json -> data.put("setl_id", readSetlId(json)));
        prescriptions.writtenOffAt(rx.hiRxno())
                .ifPresent(at -> data.put("wrtoff_time", NodeCallTimes.format(at, call.zone())));
        return output;
    }

    private static String readSetlId(String json) {
        try {
            return NodeJson.MAPPER.readTree(json).path("setlinfo").path("setl_id").asText("");
        } catch (Exception e) {
            return "";
        }
    }
}
