package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.Settlements;
import io.insurebridge.settlement.state.Visits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps an off-site visit consistent with what the insured place settled: no fee changes while its settlement
 * waits for the insured place's node (the items it was asked with must stay the ones recorded here), and no
 * cancellation or reversal of an off-site settlement here (not supported across nodes yet: refused clearly
 * instead of restoring state this node does not hold).
 */
@Component
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class OffSiteGuard implements NodeHook {
    private final CrossRegionStore store;
    private final Settlements settlements;
    private final Visits visits;
    private final CareSide care;

    public OffSiteGuard(CrossRegionStore store, Settlements settlements, Visits visits, CareSide care) {
        this.store = store;
        this.settlements = settlements;
        this.visits = visits;
        this.care = care;
    }

    @Override
    public void before(NodeCall call) {
        switch (call.infno()) {
            case "2204" -> {
                JsonNode first = call.input().path("feedetail").path(0);
                notWaiting(NodeCall.text(first, "mdtrt_id"));
            }
            case "2202", "2205" -> notWaiting(NodeCall.text(call.data(), "mdtrt_id"));
            case "2208" -> {
                String setlId = NodeCall.text(call.data(), "setl_id");
                if (setlId != null) {
                    settlements.find(setlId).flatMap(s -> visits.find(s.mdtrtId())).ifPresent(v -> {
                        if (call.mappings().person(v.psnNo()).map(care::insuredElsewhere).orElse(false)) {
                            throw new PolicyRefusal("Settlement " + setlId + " was settled by the insured place's "
                                    + "node " + v.insuplcAdmdvs() + ": an off-site settlement cannot be cancelled "
                                    + "here yet");
                        }
                    });
                }
            }
            case "2601" -> {
                String omsgid = NodeCall.text(call.data(), "omsgid");
                if (omsgid != null && store.request(omsgid).isPresent()) {
                    throw new PolicyRefusal("Transaction " + omsgid + " went to the insured place's node: "
                            + "ask again with the same msgid for its answer instead of reversing it");
                }
            }
            default -> { }
        }
    }

    private void notWaiting(String mdtrtId) {
        if (mdtrtId != null) {
            store.waitingSettlement(mdtrtId).ifPresent(msgid -> {
                throw new PolicyRefusal("Visit " + mdtrtId + " has a settlement (msgid " + msgid + ") waiting for "
                        + "the insured place's node: its fees cannot change now");
            });
        }
    }
}
