package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.Envelopes;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.OffSite;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.ProcessedRequests;
import io.insurebridge.settlement.state.SettlementRecord;
import io.insurebridge.settlement.state.Settlements;
import io.insurebridge.platform.PlatformResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * 2601 reversal of a lost transaction (the sender never got the answer to omsgid). A 2207 that committed is
 * cancelled exactly once; an omsgid that never arrived is recorded as refused, so its late arrival changes nothing.
 */
@Component
public class LostTransactionReversal implements NodeTransaction {
    static final String SETTLE = "2207";

    private final PersonLocks locks;
    private final ProcessedRequests processed;
    private final Settlements settlements;
    private final SettlementReversal reversal;
    private final Envelopes envelopes;
    private final ObjectProvider<OffSite> offSite;

    LostTransactionReversal(PersonLocks locks, ProcessedRequests processed, Settlements settlements,
                            SettlementReversal reversal, Envelopes envelopes, ObjectProvider<OffSite> offSite) {
        this.offSite = offSite;
        this.locks = locks;
        this.processed = processed;
        this.settlements = settlements;
        this.reversal = reversal;
        this.envelopes = envelopes;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2601");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        String omsgid = NodeCall.required(data, "omsgid", "input.data");
        String oinfno = NodeCall.text(data, "oinfno");
        String psnNo = NodeCall.text(data, "psn_no");
        Optional<SettlementRecord> settlement = settlements.findByMsgid(omsgid);
        String owner = settlement.map(SettlementRecord::psnNo).orElse(psnNo);
        if (psnNo != null && owner != null && !psnNo.equals(owner)) {
            throw new PolicyRefusal("Transaction " + omsgid + " does not belong to person " + psnNo);
        }
        if (owner != null) {
            // serializes with a late copy of omsgid, which checks the processed table once it holds this lock
            locks.lock(call, call.person(owner));
        }
        // a 2207 sent to the insured place's node is reversed there first (whether or not its answer is in here)
        OffSite remote = offSite.getIfAvailable();
        Optional<Outcome> elsewhere = remote == null ? Optional.empty() : remote.reverse(call, omsgid);
        Optional<ProcessedRequests.Answered> answered = processed.answered(omsgid);
        if (answered.isEmpty() && elsewhere.isPresent()) {
            // its answer is not applied here: the late answer finds this refusal and records nothing
            processed.recordIfAbsent(omsgid, oinfno == null ? SETTLE : oinfno, PlatformResponse.FAILURE,
                    NodeJson.write(envelopes.failure(call.receivedAt(), "Transaction " + omsgid + " was reversed "
                            + "(2601 " + call.msgid() + ") at the insured place's node")), call.receivedAt());
            return elsewhere.get();
        }
        if (answered.isEmpty()) {
            PlatformResponse refusal = envelopes.failure(call.receivedAt(), "Transaction " + omsgid
                    + " was reversed (2601 " + call.msgid() + ") before it arrived: not processed");
            if (processed.recordIfAbsent(omsgid, oinfno == null ? "?" : oinfno, PlatformResponse.FAILURE,
                    NodeJson.write(refusal), call.receivedAt())) {
                return new Outcome(NodeJson.object(), "Transaction " + omsgid + " never arrived: recorded as "
                        + "reversed, a late arrival will be refused");
            }
            answered = processed.answered(omsgid);
        }
        if (SETTLE.equals(answered.get().infno()) && answered.get().infcode() == PlatformResponse.SUCCESS) {
            SettlementRecord current = settlements.findByMsgid(omsgid).orElseThrow();
            if (SettlementRecord.SETTLED.equals(current.status())) {
                return reversal.reverseWithWarning(call, current);
            }
            return new Outcome(NodeJson.object(), "Settlement " + current.setlId() + " of " + omsgid
                    + " is already cancelled: nothing to reverse");
        }
        return new Outcome(NodeJson.object(), "Transaction " + omsgid + " (" + answered.get().infno()
                + ") changed no settlement state: nothing to reverse");
    }
}
