package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.DrugSettlements;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * The pharmacy side of e-prescription circulation (7201-7206, docs/circulation.md): the pharmacy calls in its own
 * envelope ({@code fixmedins_code} = its P code, designated with an active agreement). The patient hands the
 * pharmacy the prescription's trace code (the QR code the hospital printed); 7201 turns it into the prescription
 * number, and every later call must carry both, so a pharmacy sees only prescriptions a patient brought to it.
 * 7204 / 7205 are the same steps as the hospital-reported 7102 / 7103, with the same rules.
 */
@Component
public class PharmacySidePrescriptions implements NodeTransaction {

    private final Prescriptions prescriptions;
    private final DrugSettlements drugSettlements;

    public PharmacySidePrescriptions(Prescriptions prescriptions, DrugSettlements drugSettlements) {
        this.prescriptions = prescriptions;
        this.drugSettlements = drugSettlements;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7201", "7202", "7203", "7204", "7205", "7206");
    }

    @Override
    public Outcome execute(NodeCall call) {
        Pharmacy pharmacy = LockedPrescription.envelopePharmacy(call);
        return switch (call.infno()) {
            case "7201" -> token(call);
            case "7202" -> Outcome.of(PrescriptionQuery.status(prescriptions, drugSettlements, handed(call), call));
            case "7203" -> download(handed(call), pharmacy, call);
            case "7204" -> {
                PrescriptionRecord rx = handed(call);
                LockedPrescription.refuseIfClosed(rx, call);
                yield PrescriptionReview.review(prescriptions, rx, pharmacy, call);
            }
            case "7205" -> {
                PrescriptionRecord rx = handed(call);
                LockedPrescription.refuseIfClosed(rx, call);
                yield PrescriptionDispensing.dispense(prescriptions, rx, pharmacy, call);
            }
            default -> writeOff(handed(call), pharmacy, call);
        };
    }

    /** 7201: the QR code's trace code -> the prescription number, its state and the patient. */
    private Outcome token(NodeCall call) {
        String traceCode = NodeCall.required(call.data(), "rx_trace_code", "input.data");
        PrescriptionRecord rx = prescriptions.byTraceCode(traceCode)
                .orElseThrow(() -> new PolicyRefusal("Unknown prescription trace code " + traceCode));
        ObjectNode output = PrescriptionQuery.status(prescriptions, drugSettlements, rx, call);
        ObjectNode data = (ObjectNode) output.path("data");
        data.put("fixmedins_code", rx.institutionCode());   // the issuing hospital
        data.put("psn_no", rx.psnNo() == null ? "" : rx.psnNo());
        if (rx.psnNo() != null) {
            call.mappings().person(rx.psnNo()).ifPresent(p -> data.put("psn_name", p.name()));
        }
        return Outcome.of(output);
    }

    /**
     * 7203: the prescription as the hospital signed it (7101 input, cainfo, signtype), for a pharmacy that may still
     * take it: not cancelled, expired or dispensed, and not taken by another pharmacy's review.
     */
    private Outcome download(PrescriptionRecord rx, Pharmacy pharmacy, NodeCall call) {
        LockedPrescription.refuseIfClosed(rx, call);
        if (Prescriptions.REVIEWED.equals(rx.status()) && !pharmacy.code().equals(rx.pharmacyCode())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " is already taken by pharmacy " + rx.pharmacyCode());
        }
        Prescriptions.Upload upload = prescriptions.upload(rx.hiRxno()).orElseThrow(() -> new PolicyRefusal(
                "Prescription " + rx.hiRxno() + " was uploaded before downloads were kept: ask the hospital"));
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("rx_trace_code", rx.rxTraceCode());
        data.put("fixmedins_code", rx.institutionCode());
        data.put("rx_stas", rx.status());
        data.put("valid_end_time", NodeCallTimes.format(rx.validUntil(), call.zone()));
        JsonNode input;
        try {
            input = NodeJson.MAPPER.readTree(upload.inputJson());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored 7101 input of " + rx.hiRxno() + " is unreadable", e);
        }
        output.set("rxinfo", input);   // exactly what the hospital signed: the pharmacy verifies cainfo over it
        output.put("cainfo", upload.cainfo() == null ? "" : upload.cainfo());
        output.put("signtype", upload.cainfo() == null ? "" : "SM2");
        return Outcome.of(output);
    }

    /** 7206: the pharmacy that dispensed writes the prescription off; once, later calls get the same time. */
    private Outcome writeOff(PrescriptionRecord rx, Pharmacy pharmacy, NodeCall call) {
        if (!Prescriptions.DISPENSED.equals(rx.status()) || !pharmacy.code().equals(rx.pharmacyCode())) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " can be written off only by the pharmacy that "
                    + "dispensed it (7205), after dispensing");
        }
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", rx.hiRxno());
        data.put("phar_code", pharmacy.code());
        data.put("wrtoff_time", NodeCallTimes.format(prescriptions.writeOff(rx.hiRxno(), call.receivedAt()),
                call.zone()));
        var settled = drugSettlements.output(rx.hiRxno());
        data.put("setl_stas", settled.isPresent() ? "1" : "0");
        return Outcome.of(output);
    }

    /** The prescription named by hi_rxno, locked, if the caller also holds its trace code (the patient's QR). */
    private PrescriptionRecord handed(NodeCall call) {
        String hiRxno = NodeCall.required(call.data(), "hi_rxno", "input.data");
        String traceCode = NodeCall.required(call.data(), "rx_trace_code", "input.data");
        return prescriptions.lock(hiRxno).filter(rx -> rx.rxTraceCode().equals(traceCode))
                // one answer for both: a wrong trace code does not tell whether the number exists
                .orElseThrow(() -> new PolicyRefusal("No prescription " + hiRxno + " with that trace code"));
    }
}
