package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.BenefitGroup;
import io.insurebridge.settlement.policy.Gates;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.stereotype.Component;

import java.util.Set;

/** 2203 visit information: med_type and the main diagnosis (mdtrtinfo.dise_codg, else diseinfo[] number 1). */
@Component
public class VisitInfo implements NodeTransaction {
    private final PersonLocks locks;
    private final Visits visits;

    public VisitInfo(PersonLocks locks, Visits visits) {
        this.locks = locks;
        this.visits = visits;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2203");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode info = call.node("mdtrtinfo");
        PersonLocks.LockedVisit locked = locks.lockVisit(call,
                NodeCall.required(info, "mdtrt_id", "input.mdtrtinfo"), NodeCall.text(info, "psn_no"));
        VisitRecord visit = locked.visit();
        if (!VisitRecord.REGISTERED.equals(visit.status())) {
            throw new PolicyRefusal("Visit " + visit.mdtrtId() + " is " + visit.status().toLowerCase()
                    + ": its information can no longer change");
        }
        String medType = NodeCall.required(info, "med_type", "input.mdtrtinfo");
        BenefitGroup group = BenefitGroup.ofMedType(medType).orElseThrow(() -> new PolicyRefusal(
                "med_type " + medType + " is not settled by this node (outpatient 11/13/14/16 only)"));
        JsonNode diseinfo = call.node("diseinfo");
        String diagnosis = mainDiagnosis(info, diseinfo);
        if (diagnosis == null) {
            throw new PolicyRefusal("Missing main diagnosis: input.mdtrtinfo.dise_codg");
        }
        // clinical-edition codes are translated to the insurance edition the policy speaks
        String insuranceCode = call.mappings().resolveDiagnosis(diagnosis).map(d -> d.code()).orElse(diagnosis);
        if (group == BenefitGroup.CHRONIC) {
            Gates.chronicQualification(locked.person(), insuranceCode);
        }
        visits.describe(visit.mdtrtId(), medType, insuranceCode, diseinfo.isArray() ? diseinfo.toString() : null,
                call.receivedAt());
        return Outcome.of(NodeJson.object());
    }

    private static String mainDiagnosis(JsonNode info, JsonNode diseinfo) {
        String code = NodeCall.text(info, "dise_codg");
        if (code != null || !diseinfo.isArray()) {
            return code;
        }
        for (JsonNode d : diseinfo) {
            if ("1".equals(NodeCall.text(d, "diag_srt_no")) || "1".equals(NodeCall.text(d, "maindiag_flag"))) {
                return NodeCall.text(d, "diag_code");
            }
        }
        return null;
    }
}
