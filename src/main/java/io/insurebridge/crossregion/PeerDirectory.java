package io.insurebridge.crossregion;

import io.insurebridge.inbound.connector.ConnectorKind;
import io.insurebridge.inbound.connector.ConnectorRegistry;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The peer nodes in force (enabled peer-node connector files; hot reload is the connector registry's). */
@Component
public class PeerDirectory {
    private static final Pattern RESIDENT_ID = Pattern.compile("[0-9]{17}[0-9Xx]");
    private static final Pattern EVOUCHER = Pattern.compile("EV([0-9]{6}).*");

    private final ConnectorRegistry registry;
    private final EligibilityDirectory directory;

    public PeerDirectory(ConnectorRegistry registry, EligibilityDirectory directory) {
        this.registry = registry;
        this.directory = directory;
    }

    public List<PeerNode> all() {
        return registry.enabled(ConnectorKind.PEER_NODE.name()).stream().map(PeerNode::of).toList();
    }

    public Optional<PeerNode> forArea(String admdvs) {
        return admdvs == null ? Optional.empty() : all().stream().filter(p -> admdvs.equals(p.admdvs())).findFirst();
    }

    /** As {@link #forCredential(String, String, String)} without a certificate type. */
    public Optional<PeerNode> forCredential(String certno, String evoucher) {
        return forCredential(null, certno, evoucher);
    }

    /**
     * The peer a credential points to when the person is unknown here. The eligibility directory
     * ({@link EligibilityDirectory}, optional) is asked first and, when a row matches, decides (no peer for its area:
     * answered here). Else a resident ID number's first 6 digits are the area of registration (county: its city
     * xxxx00 is tried too); demo e-vouchers carry the area after "EV".
     */
    public Optional<PeerNode> forCredential(String certType, String certno, String evoucher) {
        Optional<String> listed = directory.insuredPlace(certType, certno);
        if (listed.isPresent()) {
            return forArea(listed.get());
        }
        if (certno != null && RESIDENT_ID.matcher(certno).matches()) {
            return forArea(certno.substring(0, 6)).or(() -> forArea(certno.substring(0, 4) + "00"));
        }
        if (evoucher != null) {
            var m = EVOUCHER.matcher(evoucher);
            if (m.matches()) {
                return forArea(m.group(1));
            }
        }
        return Optional.empty();
    }
}
