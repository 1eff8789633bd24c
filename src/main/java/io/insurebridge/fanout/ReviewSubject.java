package io.insurebridge.fanout;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** What smart review looks at: the visit, its person and doctor, and its fee lines. */
public record ReviewSubject(String psnNo, String mdtrtId, String gend, Integer age, String doctor,
                            Integer doctorPointsLeft, boolean internet, boolean followUp, OffsetDateTime at,
                            List<Line> lines) {

    /** A fee line; priceCeiling null when the catalog has none. */
    public record Line(String feedetlSn, String code, BigDecimal cnt, BigDecimal pric, BigDecimal priceCeiling) {
        public boolean overCeiling() {
            return priceCeiling != null && priceCeiling.signum() > 0 && pric != null && pric.compareTo(priceCeiling) > 0;
        }
    }

    /** A rule hit; feedetlSn "-" for a visit-level rule. */
    public record Finding(SupervisionRule rule, String feedetlSn, String code, String message) {}
}
