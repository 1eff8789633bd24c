package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.OffSite;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.*;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Undoes one settlement exactly once (2208 and 2601): takes back the deltas it stored, gives the fee details
 * back to the visit, and reopens the visit so it can be settled again. Call with the person locked. A settlement
 * made by the insured place's node (off-site) is reversed there first (its person state lives there); this node
 * then records the cancellation with that node's cancel setl_id and answers with its figures.
 */
@Component
class SettlementReversal {
    private final Settlements settlements;
    private final PersonState persons;
    private final FeeDetails fees;
    private final Visits visits;
    private final BudgetUse budgets;
    private final NodeIds ids;
    private final ObjectProvider<OffSite> offSite;

    SettlementReversal(Settlements settlements, PersonState persons, FeeDetails fees, Visits visits,
                       BudgetUse budgets, NodeIds ids, ObjectProvider<OffSite> offSite) {
        this.offSite = offSite;
        this.settlements = settlements;
        this.persons = persons;
        this.fees = fees;
        this.visits = visits;
        this.budgets = budgets;
        this.ids = ids;
    }

    ObjectNode reverse(NodeCall call, SettlementRecord s) {
        return reverseWithWarning(call, s).output();
    }

    /** As {@link #reverse}, with the insured place's warning when it was reversed there. */
    NodeTransaction.Outcome reverseWithWarning(NodeCall call, SettlementRecord s) {
        OffSite remote = offSite.getIfAvailable();
        Optional<NodeTransaction.Outcome> elsewhere = remote == null ? Optional.empty() : remote.reverse(call, s.msgid());
        if (elsewhere.isPresent()) {
            return offSite(call, s, elsewhere.get());
        }
        return NodeTransaction.Outcome.of(local(call, s));
    }

    private NodeTransaction.Outcome offSite(NodeCall call, SettlementRecord s, NodeTransaction.Outcome insured) {
        ObjectNode out = insured.output().deepCopy();
        if (!(out.get("setlinfo") instanceof ObjectNode setlinfo)) {
            throw new PolicyRefusal("The insured place's node did not reverse settlement " + s.setlId()
                    + (insured.warning() == null ? "" : ": " + insured.warning()));
        }
        String cancelSetlId = setlinfo.path("setl_id").asText(null);
        if (cancelSetlId == null || !settlements.cancel(s.setlId(), cancelSetlId, call.msgid(), call.receivedAt())) {
            throw new PolicyRefusal("Settlement " + s.setlId() + " is already cancelled");
        }
        // the person's accumulators and account were restored at the insured place: nothing of theirs here
        fees.release(s.setlId());
        visits.setStatus(s.mdtrtId(), VisitRecord.REGISTERED, call.receivedAt());
        budgets.add(s.fixmedinsCode(), s.year(), cancelSetlId, s.amounts().fundPaySumamt(), -1);
        setlinfo.put("orig_setl_id", s.setlId());
        return new NodeTransaction.Outcome(out, insured.warning());
    }

    private ObjectNode local(NodeCall call, SettlementRecord s) {
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
