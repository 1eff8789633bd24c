package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.*;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Undoes one settlement exactly once (2208 and 2601): takes back the deltas it stored, gives the fee details
 * back to the visit, and reopens the visit so it can be settled again. Call with the person locked.
 */
@Component
class SettlementReversal {
    private final Settlements settlements;
    private final PersonState persons;
    private final FeeDetails fees;
    private final Visits visits;
    private final BudgetUse budgets;
    private final NodeIds ids;

    SettlementReversal(Settlements settlements, PersonState persons, FeeDetails fees, Visits visits,
                       BudgetUse budgets, NodeIds ids) {
        this.settlements = settlements;
        this.persons = persons;
        this.fees = fees;
        this.visits = visits;
        this.budgets = budgets;
        this.ids = ids;
    }

    ObjectNode reverse(NodeCall call, SettlementRecord s) {
        String cancelSetlId = ids.setlId(call.receivedAt());
        if (!settlements.cancel(s.setlId(), cancelSetlId, call.msgid(), call.receivedAt())) {
            throw new PolicyRefusal("Settlement " + s.setlId() + " is already cancelled");
        }
        persons.apply(s.psnNo(), s.year(), s.group(), s.delta(), -1, call.receivedAt());
        fees.release(s.setlId());
        visits.setStatus(s.mdtrtId(), VisitRecord.REGISTERED, call.receivedAt());
        budgets.add(s.fixmedinsCode(), s.year(), cancelSetlId, s.amounts().fundPaySumamt(), -1);
        BigDecimal balance = persons.balance(s.psnNo()).orElseThrow();
        var person = call.person(s.psnNo());
        var header = new SettlementOutput.Header(s.mdtrtId(), cancelSetlId, person, s.medType(), s.mdtrtCertType(),
                call.receivedAt(), call.zone(), call.msgid(), person.insuplcAdmdvs());
        ObjectNode out = SettlementOutput.reversal(header, s.amounts(), balance);
        ((ObjectNode) out.get("setlinfo")).put("orig_setl_id", s.setlId());
        return out;
    }
}
