package io.insurebridge.crossregion;

import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.circulation.Sm2Crypto;
import io.insurebridge.inbound.connector.ConnectorConfigException;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prescriptions recognised across regions: the SM2 public key a peer area's institutions sign prescriptions with
 * (peer-node key {@code signing-public-key}, a PEM file) is trusted here, so a prescription issued there verifies
 * at a designated pharmacy of this area against its issuer's key (by the payload's sign_key_id).
 */
@Component
public class PeerSigningKeys {
    private final ConnectorRegistry registry;
    private final ObjectProvider<SigningKeys> keys;

    public PeerSigningKeys(ConnectorRegistry registry, ObjectProvider<SigningKeys> keys) {
        this.registry = registry;
        this.keys = keys;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void trustPeers() {
        SigningKeys own = keys.getIfAvailable();
        if (own != null) {
            trust(registry.enabled(ConnectorKind.PEER_NODE.name()), own);
        }
    }

    /** Trusts the signing key of every peer file that names one; returns the key ids. */
    public static List<String> trust(List<ConnectorDefinition> peers, SigningKeys keys) {
        List<String> ids = new ArrayList<>();
        for (ConnectorDefinition peer : peers) {
            String file = peer.setting("signing-public-key", null);
            if (file == null) {
                continue;
            }
            try {
                ids.add(keys.trust(Sm2Crypto.publicKey(Files.readAllBytes(Path.of(file)))));
            } catch (Exception e) {
                throw new ConnectorConfigException(peer.file(), "signing-public-key", "cannot read an SM2 public key "
                        + "from " + file + ": " + e.getMessage());
            }
        }
        return ids;
    }
}
