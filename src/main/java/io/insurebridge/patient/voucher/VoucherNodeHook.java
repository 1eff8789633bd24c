package io.insurebridge.patient.voucher;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import org.springframework.core.Ordered;

import java.util.Optional;

/**
 * The node's e-voucher check, inside the request's transaction, before the transaction runs: every 1101, 2206 and
 * 2207 that identifies the person by e-voucher (mdtrt_cert_type 01) must carry a valid token for that purpose;
 * the consuming transaction (1101, 2207) records the use, so a second use is refused as a replay. A refused or
 * failed request rolls the use back: the token stays good for a retry. A repeated msgid never gets here (the
 * node answers it from its store), so a lost answer asked for again is no replay.
 */
public class VoucherNodeHook implements NodeHook, Ordered {
    static final String E_VOUCHER = "01";

    private final VoucherVerifier verifier;
    private final VoucherUses uses;
    private final VoucherProperties properties;

    public VoucherNodeHook(VoucherVerifier verifier, VoucherUses uses, VoucherProperties properties) {
        this.verifier = verifier;
        this.uses = uses;
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;   // identity first, before any other gate looks at the request
    }

    @Override
    public void before(NodeCall call) {
        Optional<VoucherPurpose> purpose = VoucherPurpose.forInfno(call.infno());
        if (purpose.isEmpty()) {
            return;
        }
        JsonNode data = call.data();
        if (!E_VOUCHER.equals(NodeCall.text(data, "mdtrt_cert_type"))) {
            return;
        }
        String token = NodeCall.text(data, "mdtrt_cert_no");
        if (token == null) {
            throw new VoucherRefusal("mdtrt_cert_type 01 needs the e-voucher token in mdtrt_cert_no");
        }
        if (!VoucherToken.looksSigned(token)) {
            if (properties.acceptRegistryTokens()) {
                // a static demo token of persons.csv (test feeds; docs/patient.md): the transaction looks it up and
                // answers "No insured person found" for an unknown one, as before signed tokens existed
                return;
            }
            throw new VoucherRefusal("the token is not a signed e-voucher (forged)");
        }
        VoucherToken claims = verifier.verify(token, call.infno(), NodeCall.text(data, "psn_no"),
                call.receivedAt().toInstant());
        if (!purpose.get().consumedBy(call.infno())) {
            return;
        }
        uses.usedBy(claims.tokenId(), claims.purpose()).ifPresent(msgid -> {
            throw new VoucherRefusal("the token was already used for " + claims.purpose() + " (message " + msgid
                    + "): a replayed e-voucher is not accepted");
        });
        uses.record(claims.tokenId(), claims.purpose(), claims.psnNo(), call.msgid(), call.infno(), call.receivedAt());
    }
}
