package io.insurebridge.settlement;

import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.settlement.policy.ItemClassification;
import io.insurebridge.settlement.policy.VisitSettlement;
import io.insurebridge.settlement.state.VisitRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;

/**
 * Off-site care of persons insured in another coordination area whose own settlement node is a peer of this one
 * (cross-region mutual recognition). The care node keeps the visit and classifies the items with its catalog; the
 * insured place's node applies its policy to its person's state. Without peers (one node) nothing is off-site here.
 * Implementations may throw {@link AwaitingRemote} while the peer's answer is not there yet.
 */
public interface OffSite {

    /** The mappings a call sees: persons insured elsewhere that a peer described (1101) are added. */
    default MappingSnapshot mappings(MappingSnapshot snapshot) {
        return snapshot;
    }

    /** 1101: the insured place's answer if the person belongs to a peer's area; empty = answer here. */
    Optional<NodeTransaction.Outcome> personInfo(NodeCall call, Optional<InsuredPerson> local);

    /** True when the person's policy and year-to-date state live at a peer node. */
    boolean insuredElsewhere(InsuredPerson person);

    /** 2206/2207 of an off-site visit, settled by the insured place's node. */
    Settled settle(NodeCall call, Visit visit);

    /**
     * 2208 / 2601 of a settlement (or lost 2207) {@code omsgid} that the insured place's node settled: that node
     * reverses it (its person's accumulators and account are restored there) and its answer is returned; empty when
     * omsgid was not settled by a peer (the reversal is local). Idempotent on the call's msgid; may throw
     * {@link AwaitingRemote} while the peer's answer is not in.
     */
    default Optional<NodeTransaction.Outcome> reverse(NodeCall call, String omsgid) {
        return Optional.empty();
    }

    /** What the care node knows of the visit when it asks the insured place to settle it. */
    record Visit(VisitRecord visit, InsuredPerson person, Institution institution, String medType, boolean followUp,
                 List<ItemClassification> items, String acctUsedFlag, String mdtrtCertType, boolean commit) {}

    /** The insured place's settlement: its output (setlinfo, setldetail), amounts and setl_id (null for 2206). */
    record Settled(ObjectNode output, VisitSettlement amounts, String setlId, String warning) {}
}
