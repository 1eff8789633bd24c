package io.insurebridge.circulation;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a pharmacy reports it handed out, to be settled (2102): the dispensed lines at the pharmacy's prices and,
 * for a delivery, the delivery fee (never insured, always cash).
 *
 * @param acctUsedFlag "1" = the person's account pays (employees); the delivery fee is never paid from it
 */
public record DispensedDrugs(List<Line> lines, BigDecimal deliveryFee, String acctUsedFlag) {

    public DispensedDrugs {
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /**
     * From a report's JSON: {@code {"lines": [{"med_list_codg", "medins_list_codg"?, "cnt", "pric"}],
     * "delivery_fee"?, "acct_used_flag"?}}; null when the report carries no lines.
     */
    public static DispensedDrugs fromJson(com.fasterxml.jackson.databind.JsonNode body) {
        if (body == null || !body.path("lines").isArray() || body.path("lines").isEmpty()) {
            return null;
        }
        List<Line> lines = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode l : body.path("lines")) {
            lines.add(new Line(text(l, "med_list_codg"), text(l, "medins_list_codg"), decimal(l, "cnt"),
                    decimal(l, "pric")));
        }
        return new DispensedDrugs(lines, decimal(body, "delivery_fee"), text(body, "acct_used_flag"));
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static BigDecimal decimal(com.fasterxml.jackson.databind.JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " '" + v + "' is not a number");
        }
    }

    public boolean settles() {
        return !lines.isEmpty();
    }

    /** One dispensed line: national drug code, the pharmacy's own code (optional), quantity, unit price. */
    public record Line(String medListCodg, String medinsListCodg, BigDecimal cnt, BigDecimal pric) {
        public Line {
            if (medListCodg == null || cnt == null || pric == null) {
                throw new IllegalArgumentException("every dispensed line needs med_list_codg, cnt and pric");
            }
        }
    }
}
