package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.FeeDetails;
import io.insurebridge.settlement.state.VisitRecord;
import org.springframework.stereotype.Component;

import java.util.Set;

/** 2205 fee detail cancel: the batch's unsettled details, or all unsettled ones with chrg_bchno "0000". */
@Component
public class FeeCancel implements NodeTransaction {
    private final PersonLocks locks;
    private final FeeDetails fees;

    public FeeCancel(PersonLocks locks, FeeDetails fees) {
        this.locks = locks;
        this.fees = fees;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2205");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        String batch = NodeCall.required(data, "chrg_bchno", "input.data");
        VisitRecord visit = locks.lockVisit(call, NodeCall.required(data, "mdtrt_id", "input.data"),
                NodeCall.text(data, "psn_no")).visit();
        if (fees.deleteUnsettled(visit.mdtrtId(), batch) == 0) {
            throw new PolicyRefusal("No unsettled fee details of batch " + batch + " on visit " + visit.mdtrtId());
        }
        return Outcome.of(NodeJson.object());
    }
}
