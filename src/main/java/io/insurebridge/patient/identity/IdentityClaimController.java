package io.insurebridge.patient.identity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/patient/identity-claims?institution=&visit_no=}: the checks recorded with a visit. */
@RestController
@ConditionalOnProperty(name = "insurebridge.roles.gateway", havingValue = "true", matchIfMissing = true)
public class IdentityClaimController {
    private final IdentityClaims claims;

    public IdentityClaimController(IdentityClaims claims) {
        this.claims = claims;
    }

    @GetMapping("/api/patient/identity-claims")
    public List<IdentityClaim> claims(@RequestParam String institution, @RequestParam("visit_no") String visitNo) {
        return claims.of(institution, visitNo);
    }
}
