package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.FeeDetails;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.stereotype.Component;

import java.util.Set;

/** 2202 registration cancel: only an unsettled visit; its unsettled fee details go with it. */
@Component
public class RegistrationCancel implements NodeTransaction {
    private final PersonLocks locks;
    private final Visits visits;
    private final FeeDetails fees;

    public RegistrationCancel(PersonLocks locks, Visits visits, FeeDetails fees) {
        this.locks = locks;
        this.visits = visits;
        this.fees = fees;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2202");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        VisitRecord visit = locks.lockVisit(call, NodeCall.required(data, "mdtrt_id", "input.data"),
                NodeCall.text(data, "psn_no")).visit();
        if (VisitRecord.SETTLED.equals(visit.status())) {
            throw new PolicyRefusal("Visit " + visit.mdtrtId() + " is settled: cancel the settlement (2208) first");
        }
        if (VisitRecord.CANCELLED.equals(visit.status())) {
            throw new PolicyRefusal("Visit " + visit.mdtrtId() + " is already cancelled");
        }
        fees.deleteUnsettled(visit.mdtrtId(), FeeDetails.ALL_BATCHES);
        visits.setStatus(visit.mdtrtId(), VisitRecord.CANCELLED, call.receivedAt());
        return Outcome.of(NodeJson.object());
    }
}
