package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.SettlementRecord;
import io.insurebridge.settlement.state.Settlements;
import org.springframework.stereotype.Component;

import java.util.Set;

/** 2208 settlement cancel: restores every accumulator once; answers the reversal setlinfo (amounts negated). */
@Component
public class SettlementCancel implements NodeTransaction {
    private final PersonLocks locks;
    private final Settlements settlements;
    private final SettlementReversal reversal;

    SettlementCancel(PersonLocks locks, Settlements settlements, SettlementReversal reversal) {
        this.locks = locks;
        this.settlements = settlements;
        this.reversal = reversal;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2208");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        String setlId = NodeCall.required(data, "setl_id", "input.data");
        SettlementRecord found = settlements.find(setlId)
                .orElseThrow(() -> new PolicyRefusal("Unknown settlement setl_id " + setlId));
        String psnNo = NodeCall.text(data, "psn_no");
        String mdtrtId = NodeCall.text(data, "mdtrt_id");
        if ((psnNo != null && !psnNo.equals(found.psnNo())) || (mdtrtId != null && !mdtrtId.equals(found.mdtrtId()))) {
            throw new PolicyRefusal("Settlement " + setlId + " does not belong to the given psn_no / mdtrt_id");
        }
        locks.lock(call, call.person(found.psnNo()));
        SettlementRecord current = settlements.find(setlId).orElseThrow();
        if (!SettlementRecord.SETTLED.equals(current.status())) {
            throw new PolicyRefusal("Settlement " + setlId + " is already cancelled");
        }
        return reversal.reverseWithWarning(call, current);
    }
}
