package io.insurebridge.patient.identity;

import io.insurebridge.model.Visit;
import io.insurebridge.platform.gateway.VisitStateException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Records the identity checks the HIS attests with a registration (patient_identity_claim) and enforces the
 * configured requirements: a registration that lacks a required passed check is refused before anything reaches
 * the platform.
 */
public class IdentityClaims {
    static final Set<String> TYPES = Set.of(IdentityClaim.FACE, IdentityClaim.DOCTOR_FACE_POSITION);

    private final JdbcTemplate jdbc;
    private final IdentityProperties properties;
    private final Clock clock;

    public IdentityClaims(JdbcTemplate jdbc, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Checks the claims against the policy, then records them with the visit; refuses with the reason. */
    public void admit(Visit visit, List<IdentityClaim> claims) {
        for (IdentityClaim c : claims) {
            if (!TYPES.contains(c.type())) {
                throw new IdentityCheckRefused("identity claim type '" + c.type() + "' is not one of " + TYPES);
            }
        }
        if (visit.internet() || properties.offlineToo()) {
            List<String> missing = new ArrayList<>();
            if (properties.requireFaceCheck() && !passed(claims, IdentityClaim.FACE)) {
                missing.add("a passed patient face check (FACE)");
            }
            if (properties.requireDoctorCheck() && !passed(claims, IdentityClaim.DOCTOR_FACE_POSITION)) {
                missing.add("a passed doctor face + position check (DOCTOR_FACE_POSITION)");
            }
            if (!missing.isEmpty()) {
                throw new IdentityCheckRefused("identity check required for visit " + visit.visitNo() + ": "
                        + String.join(" and ", missing));
            }
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (IdentityClaim c : claims) {
            jdbc.update("INSERT INTO patient_identity_claim (institution_code, visit_no, claim_type, result, score, "
                            + "checked_at, attester, location, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    visit.institutionCode(), visit.visitNo(), c.type(), c.result().toUpperCase(), c.score(),
                    c.checkedAt(), c.attester(), c.location(), now);
        }
    }

    public List<IdentityClaim> of(String institution, String visitNo) {
        return jdbc.query("SELECT * FROM patient_identity_claim WHERE institution_code = ? AND visit_no = ? ORDER BY id",
                (rs, i) -> new IdentityClaim(rs.getString("claim_type"), rs.getString("result"), rs.getString("score"),
                        rs.getString("checked_at"), rs.getString("attester"), rs.getString("location")),
                institution, visitNo);
    }

    private static boolean passed(List<IdentityClaim> claims, String type) {
        return claims.stream().anyMatch(c -> type.equals(c.type()) && c.passed());
    }

    /** A registration without the identity checks the policy requires. */
    public static class IdentityCheckRefused extends VisitStateException {
        public IdentityCheckRefused(String message) {
            super(message);
        }
    }
}
