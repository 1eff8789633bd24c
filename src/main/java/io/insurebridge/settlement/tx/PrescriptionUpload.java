package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.Doctor;
import io.insurebridge.mapping.Institution;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PrescriptionRecord;
import io.insurebridge.settlement.state.Prescriptions;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Set;

/**
 * 7101 e-prescription upload: the prescriber must be an agreement doctor of the institution with points left,
 * every line a drug (X/Z code, list type 101-103) of the catalog with a quantity > 0. Answers the platform
 * prescription number and the trace code. The same hospital rx number uploaded again (a redelivered message)
 * gets the numbers it already has.
 */
@Component
public class PrescriptionUpload implements NodeTransaction {

    private static final Set<String> DRUG_LIST_TYPES = Set.of("101", "102", "103");
    private static final int MAX_VALID_DAYS = 30;

    private final Prescriptions prescriptions;
    private final NodeIds ids;
    private final EnvelopeSignature signature;
    private final SecureRandom random = new SecureRandom();

    public PrescriptionUpload(Prescriptions prescriptions, NodeIds ids, EnvelopeSignature signature) {
        this.prescriptions = prescriptions;
        this.ids = ids;
        this.signature = signature;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("7101");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        signature.verify(call);   // a tampered or unsigned upload is refused before anything else
        Institution institution = call.institution(call.request().fixmedins_code());
        if (!"ACTIVE".equals(institution.agreement())) {
            throw new PolicyRefusal("Institution " + institution.code() + " has no active agreement");
        }
        String hospRxno = NodeCall.required(data, "hosp_rxno", "input.data");
        String drCode = NodeCall.required(data, "dr_code", "input.data");
        Doctor doctor = call.mappings().doctor(drCode)
                .orElseThrow(() -> new PolicyRefusal("Doctor " + drCode + " is not an insurance-agreement doctor"));
        if (!institution.code().equals(doctor.institutionCode())) {
            throw new PolicyRefusal("Doctor " + drCode + " is not an agreement doctor of " + institution.code());
        }
        if (doctor.pointsLeft() <= 0) {
            throw new PolicyRefusal("Doctor " + drCode + " has no points left: may not prescribe for insurance");
        }
        int validDays = validDays(data);
        checkDrugs(call);

        var existing = prescriptions.byHospRxno(institution.code(), hospRxno);
        if (existing.isPresent() && !Prescriptions.CANCELLED.equals(existing.get().status())) {
            return Outcome.of(answer(existing.get(), call));
        }
        if (existing.isPresent()) {
            throw new PolicyRefusal("Prescription " + hospRxno + " was cancelled; upload it with a new hospital rx number");
        }
        OffsetDateTime prescribed = call.time(data, "prsc_time");
        // the patient by psn_no, else by the voucher / certificate the hospital identified them with
        String psnNo = NodeCall.text(data, "psn_no");
        if (psnNo == null) {
            psnNo = PersonInfo.find(call, data).map(p -> p.psnNo()).orElse(null);
        }
        PrescriptionRecord record = new PrescriptionRecord("R" + ids.refMsgId(call.receivedAt()), traceCode(),
                institution.code(), hospRxno, drCode, psnNo, Prescriptions.UPLOADED, null,
                prescribed.plusDays(validDays), call.receivedAt(), call.receivedAt());
        prescriptions.insert(record);
        prescriptions.attach(record.hiRxno(), NodeCall.text(data, "mdtrt_id"), prescribedDrugs(call));
        prescriptions.keepUpload(record.hiRxno(), NodeJson.write(call.input()), call.request().cainfo());
        return Outcome.of(answer(record, call));
    }

    private static int validDays(JsonNode data) {
        String v = NodeCall.required(data, "valid_days", "input.data");
        try {
            int days = Integer.parseInt(v);
            if (days >= 1 && days <= MAX_VALID_DAYS) {
                return days;
            }
        } catch (NumberFormatException ignored) {
            // refused below
        }
        throw new PolicyRefusal("valid_days '" + v + "' must be 1 to " + MAX_VALID_DAYS);
    }

    private static void checkDrugs(NodeCall call) {
        JsonNode lines = call.node("rxdrugdetail");
        if (!lines.isArray() || lines.isEmpty()) {
            throw new PolicyRefusal("Missing input.rxdrugdetail: a prescription needs at least one drug");
        }
        for (JsonNode line : lines) {
            String code = NodeCall.required(line, "med_list_codg", "rxdrugdetail");
            CatalogItem item = call.mappings().catalogItem(code)
                    .orElseThrow(() -> new PolicyRefusal("Drug " + code + " is not in the catalog"));
            if (!DRUG_LIST_TYPES.contains(item.listType()) || item.isDeliveryFee()) {
                throw new PolicyRefusal(code + " (" + item.name() + ") is not a drug: only drugs can be prescribed");
            }
            BigDecimal cnt = NodeCall.decimal(line, "drug_cnt");
            if (cnt == null || cnt.signum() <= 0) {
                throw new PolicyRefusal("Drug " + code + ": quantity must be a number > 0");
            }
        }
    }

    private static java.util.List<Prescriptions.PrescribedDrug> prescribedDrugs(NodeCall call) {
        java.util.List<Prescriptions.PrescribedDrug> drugs = new java.util.ArrayList<>();
        int seq = 0;
        for (JsonNode line : call.node("rxdrugdetail")) {
            seq++;
            drugs.add(new Prescriptions.PrescribedDrug(seq, NodeCall.text(line, "med_list_codg"),
                    NodeCall.decimal(line, "drug_cnt")));
        }
        return drugs;
    }

    private static ObjectNode answer(PrescriptionRecord r, NodeCall call) {
        ObjectNode output = NodeJson.object();
        ObjectNode data = output.putObject("data");
        data.put("hi_rxno", r.hiRxno());
        data.put("rx_trace_code", r.rxTraceCode());
        data.put("hosp_rxno", r.hospRxno());
        data.put("valid_end_time", NodeCallTimes.format(r.validUntil(), call.zone()));
        return output;
    }

    private String traceCode() {
        byte[] bytes = new byte[10];
        random.nextBytes(bytes);
        return "T" + HexFormat.of().formatHex(bytes).toUpperCase();
    }
}
