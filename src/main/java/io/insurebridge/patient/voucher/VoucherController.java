package io.insurebridge.patient.voucher;

import io.insurebridge.mapping.MappingSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Demo issuing API of the insured place's node: {@code POST /api/patient/vouchers {"psn_no", "purpose",
 * "validity_minutes"}} answers the token a patient's phone would show as a QR code; the voucher public key is at
 * {@code GET /api/patient/vouchers/public-key}.
 */
@RestController
@RequestMapping("/api/patient/vouchers")
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class VoucherController {
    private final VoucherIssuer issuer;
    private final VoucherConfiguration.VoucherKeys keys;
    private final MappingSource mappings;

    public VoucherController(VoucherIssuer issuer, VoucherConfiguration.VoucherKeys keys, MappingSource mappings) {
        this.issuer = issuer;
        this.keys = keys;
        this.mappings = mappings;
    }

    public record IssueRequest(String psn_no, String purpose, Integer validity_minutes) {}

    @PostMapping
    @io.insurebridge.security.masking.Unmasked("the issued token is what the patient's phone shows")
    public ResponseEntity<Map<String, Object>> issue(@RequestBody IssueRequest request) {
        if (request == null || request.psn_no() == null || request.psn_no().isBlank()) {
            return error("psn_no is required");
        }
        if (mappings.current().person(request.psn_no()).isEmpty()) {
            return error("unknown insured person psn_no " + request.psn_no());
        }
        try {
            VoucherPurpose purpose = VoucherPurpose.parse(request.purpose() == null ? "" : request.purpose());
            VoucherIssuer.Issued issued = issuer.issue(request.psn_no(), purpose, request.validity_minutes());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("mdtrt_cert_type", "01");
            body.put("mdtrt_cert_no", issued.token());
            body.put("token_id", issued.claims().tokenId());
            body.put("purpose", purpose.name());
            body.put("psn_no", issued.claims().psnNo());
            body.put("issued_at", issued.claims().issuedAt().toString());
            body.put("expires_at", issued.claims().expiresAt().toString());
            body.put("key_id", issued.claims().keyId());
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
    }

    @GetMapping("/public-key")
    public Map<String, String> publicKey() {
        return Map.of("key_id", keys.keys().keyId(), "sign_type", "SM2", "public_key", keys.keys().publicKeyPem());
    }

    private static ResponseEntity<Map<String, Object>> error(String message) {
        return ResponseEntity.badRequest().body(Map.of("error", message));
    }
}
