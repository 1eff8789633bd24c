package io.insurebridge.patient.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * ZID, one per attested identity check (docs/hl7-conventions.md): ZID-1 type (FACE | DOCTOR_FACE_POSITION),
 * ZID-2 result (PASS | FAIL), ZID-3 score, ZID-4 time (yyyyMMddHHmmss), ZID-5 attester, ZID-6 location.
 */
public final class ZidSegments {
    private ZidSegments() {}

    /** The ZID segments of a raw message (any segment separator), in order. */
    public static List<IdentityClaim> parse(String raw) {
        List<IdentityClaim> claims = new ArrayList<>();
        if (raw == null || raw.length() < 8) {
            return claims;
        }
        char fieldSep = raw.startsWith("MSH") ? raw.charAt(3) : '|';
        for (String segment : raw.split("\r\n|\r|\n")) {
            if (!segment.startsWith("ZID" + fieldSep)) {
                continue;
            }
            String[] f = segment.split(java.util.regex.Pattern.quote(String.valueOf(fieldSep)), -1);
            claims.add(new IdentityClaim(field(f, 1) == null ? "" : field(f, 1).toUpperCase(),
                    field(f, 2) == null ? "" : field(f, 2), field(f, 3), field(f, 4), field(f, 5), field(f, 6)));
        }
        return claims;
    }

    private static String field(String[] f, int n) {
        return n < f.length && !f[n].isBlank() ? f[n].trim() : null;
    }
}
