package io.insurebridge.circulation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hospital's view of its circulating prescriptions (status with history, cancel), the pharmacies' report-back
 * endpoint (7102 / 7103 semantics), the tamper reports and the signer's public key.
 */
@RestController
@RequestMapping("/api/prescriptions")
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class PrescriptionController {

    private final PrescriptionCirculation circulation;
    private final PrescriptionStore store;
    private final SigningKeys keys;

    public PrescriptionController(PrescriptionCirculation circulation, PrescriptionStore store, SigningKeys keys) {
        this.circulation = circulation;
        this.store = store;
        this.keys = keys;
    }

    @GetMapping("/{hiRxno}")
    public Map<String, Object> show(@PathVariable String hiRxno,
                                    @RequestParam(defaultValue = "false") boolean platform) {
        CirculatedPrescription rx = store.find(hiRxno).orElseThrow(() -> new UnknownPrescriptionException(hiRxno));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hiRxno", rx.hiRxno());
        body.put("rxTraceCode", rx.rxTraceCode());
        body.put("hospRxno", rx.hospRxno());
        body.put("institution", rx.institutionCode());
        body.put("chosenPharmacy", rx.chosenPharmacy());
        body.put("status", rx.status());
        body.put("validUntil", rx.validUntil());
        body.put("messageId", rx.messageId());
        body.put("history", store.history(hiRxno));
        body.put("settlement", store.settlement(hiRxno).map(PharmacySettlement::view).orElse(null));
        if (platform) {
            body.put("platform", circulation.platformStatus(hiRxno));
        }
        return body;
    }

    /** Hospital cancel (7104); 409 with the reason once a pharmacy dispensed. */
    @PostMapping("/{hiRxno}/cancel")
    public ResponseEntity<PrescriptionCirculation.Outcome> cancel(@PathVariable String hiRxno,
                                                                  @RequestBody(required = false) Map<String, String> body) {
        String reason = body == null ? null : body.get("reason");
        return answer(circulation.cancel(hiRxno, reason == null ? "cancelled by the hospital" : reason));
    }

    /**
     * A pharmacy reports: {"pharmacy": "P…", "event": "REVIEWED|REVIEW_REFUSED|DISPENSED|DELIVERED", "detail": …};
     * a dispensing report with "lines" (and "delivery_fee", "acct_used_flag") settles the drugs (2102).
     */
    @PostMapping("/{hiRxno}/reports")
    public ResponseEntity<PrescriptionCirculation.Outcome> report(@PathVariable String hiRxno,
                                                                  @RequestBody com.fasterxml.jackson.databind.JsonNode body) {
        return answer(circulation.report(hiRxno, text(body, "pharmacy"), String.valueOf(text(body, "event")),
                text(body, "detail"), DispensedDrugs.fromJson(body)));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode body, String field) {
        return body.hasNonNull(field) ? body.get(field).asText() : null;
    }

    @GetMapping("/tamper-reports")
    public List<Map<String, Object>> tamperReports() {
        return store.tamperReports();
    }

    @GetMapping("/signing-key")
    public Map<String, String> signingKey() {
        return Map.of("keyId", keys.keyId(), "signtype", Sm2Crypto.SIGN_TYPE, "publicKey", keys.publicKeyPem());
    }

    @ExceptionHandler(UnknownPrescriptionException.class)
    ResponseEntity<Map<String, String>> unknown(UnknownPrescriptionException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> bad(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static ResponseEntity<PrescriptionCirculation.Outcome> answer(PrescriptionCirculation.Outcome o) {
        return ResponseEntity.status(o.accepted() ? HttpStatus.OK : HttpStatus.CONFLICT).body(o);
    }
}
