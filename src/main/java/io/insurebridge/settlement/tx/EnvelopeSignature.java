package io.insurebridge.settlement.tx;

import io.insurebridge.circulation.CanonicalJson;
import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.Sm2Crypto;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.policy.PolicyRefusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.security.PublicKey;
import java.util.Collection;
import java.util.List;

/**
 * Checks an envelope's {@code cainfo}: Base64 SM3withSM2 over the canonical bytes of {@code input}
 * (docs/circulation.md), signed by a signer the node trusts (the signing keys of this installation: own key and
 * {@code insurebridge.signing.trusted-keys-dir}). A missing, malformed or non-verifying signature is refused with the
 * platform's failure (infcode -1). Without a key registry (a node-only installation) there is nothing to check against.
 */
@Component
public class EnvelopeSignature {

    private final ObjectProvider<SigningKeys> keys;

    public EnvelopeSignature(ObjectProvider<SigningKeys> keys) {
        this.keys = keys;
    }

    public void verify(NodeCall call) {
        SigningKeys registry = keys.getIfAvailable();
        if (registry == null) {
            return;
        }
        String cainfo = call.request().cainfo();
        String who = call.request().fixmedins_code();
        if (cainfo == null || cainfo.isBlank()) {
            throw new PolicyRefusal("Signature check failed: " + call.infno() + " of " + who
                    + " carries no cainfo (SM2 signature of the input)");
        }
        if (call.request().signtype() != null && !Sm2Crypto.SIGN_TYPE.equals(call.request().signtype())) {
            throw new PolicyRefusal("Signature check failed: signtype '" + call.request().signtype()
                    + "' is not supported (SM2)");
        }
        byte[] signed = CanonicalJson.bytes(call.input());
        Collection<PublicKey> trusted = registry == null ? List.of() : registry.trustedKeys();
        for (PublicKey key : trusted) {
            if (Sm2Crypto.verify(key, signed, cainfo)) {
                return;
            }
        }
        throw new PolicyRefusal("Signature check failed: the cainfo of " + call.infno() + " from " + who
                + " does not verify (input changed after signing, or an unknown signer)");
    }
}
