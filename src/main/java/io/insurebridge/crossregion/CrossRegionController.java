package io.insurebridge.crossregion;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.Map;

/** Cross-region API: reconciliation with a peer node (3201 / 3202 semantics). */
@RestController
@RequestMapping("/api/crossregion")
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class CrossRegionController {
    private final Reconciliation reconciliation;
    private final PeerDirectory peers;

    public CrossRegionController(Reconciliation reconciliation, PeerDirectory peers) {
        this.reconciliation = reconciliation;
        this.peers = peers;
    }

    /** The day's off-site settlements of persons insured at the peer's area, compared with the peer's records. */
    @GetMapping("/reconciliation")
    public ResponseEntity<?> reconcile(@RequestParam String peer,
                                       @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        if (peers.forArea(peer).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no peer node for area " + peer));
        }
        try {
            return ResponseEntity.ok(reconciliation.reconcile(peer, date));
        } catch (Reconciliation.PeerUnavailableException e) {
            return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(Map.of("error", e.getMessage()));
        }
    }
}
