package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.Settlements;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Keeps an off-site visit consistent with what the insured place settled: no fee changes while its settlement
 * waits for the insured place's node (the items it was asked with must stay the ones recorded here), and one
 * cancellation / reversal (2208, 2601: forwarded to the insured place's node) of a visit waiting at a time.
 */
@Component
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class OffSiteGuard implements NodeHook {
    private final CrossRegionStore store;
    private final Settlements settlements;

    public OffSiteGuard(CrossRegionStore store, Settlements settlements) {
        this.store = store;
        this.settlements = settlements;
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
                    settlements.find(setlId).ifPresent(s -> notBeingReversed(call, s.mdtrtId()));
                }
            }
            case "2601" -> {
                String omsgid = NodeCall.text(call.data(), "omsgid");
                if (omsgid != null) {
                    store.request(omsgid).ifPresent(r -> notBeingReversed(call, r.mdtrtId()));
                }
            }
            default -> { }
        }
    }

    /** One reversal of an off-site visit at a time: another msgid while one waits for the insured place is refused. */
    private void notBeingReversed(NodeCall call, String mdtrtId) {
        if (mdtrtId != null && store.request(call.msgid()).isEmpty()) {
            store.waitingReversal(mdtrtId).filter(other -> !other.equals(call.msgid())).ifPresent(other -> {
                throw new PolicyRefusal("Visit " + mdtrtId + " has a cancellation (msgid " + other + ") waiting for "
                        + "the insured place's node: ask again with that msgid");
            });
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
