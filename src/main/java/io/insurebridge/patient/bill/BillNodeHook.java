package io.insurebridge.patient.bill;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.NodeTransaction;

/**
 * Issues the electronic bill in the same database transaction as the settlement it documents (2207), and the
 * red-letter bill in the same transaction as the cancellation (2208, or 2601 that undid a committed 2207).
 */
public class BillNodeHook implements NodeHook {
    private final BillIssuer issuer;

    public BillNodeHook(BillIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    public void answered(NodeCall call, NodeTransaction.Outcome outcome) {
        JsonNode setlinfo = outcome.output() == null ? null : outcome.output().get("setlinfo");
        if (setlinfo == null || setlinfo.isNull()) {
            return;
        }
        switch (call.infno()) {
            case "2207" -> issuer.issue(setlinfo, call.request().fixmedins_code(), call.mappings(), call.receivedAt());
            case "2208", "2601" -> {
                String orig = NodeCall.text(setlinfo, "orig_setl_id");
                if (orig != null) {
                    issuer.voidFor(orig, NodeCall.text(setlinfo, "setl_id"), call.receivedAt());
                }
            }
            default -> { }
        }
    }
}
