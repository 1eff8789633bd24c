package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** Evaluates the supervision rules on a subject (3101/3102 semantics: one finding per rule hit and line). */
@Component
public class SmartReview {
    private final JdbcTemplate jdbc;

    public SmartReview(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<ReviewSubject.Finding> review(ReviewSubject s, List<SupervisionRule> rules) {
        List<ReviewSubject.Finding> out = new ArrayList<>();
        for (SupervisionRule rule : rules) {
            switch (rule.type()) {
                case SupervisionRule.DOCTOR_WITHOUT_POINTS -> {
                    if (s.doctor() != null && s.doctorPointsLeft() != null && s.doctorPointsLeft() <= 0) {
                        out.add(visitFinding(rule, "prescribing doctor " + s.doctor() + " has no agreement points"));
                    }
                }
                case SupervisionRule.INTERNET_NOT_FOLLOW_UP -> {
                    if (s.internet() && !s.followUp()) {
                        out.add(visitFinding(rule, "Internet+ visit " + s.mdtrtId() + " is not a follow-up visit"));
                    }
                }
                default -> s.lines().stream().filter(l -> rule.appliesTo(l.code()))
                        .forEach(l -> line(rule, s, l, out));
            }
        }
        return out;
    }

    private void line(SupervisionRule rule, ReviewSubject s, ReviewSubject.Line l, List<ReviewSubject.Finding> out) {
        String hit = switch (rule.type()) {
            case SupervisionRule.QUANTITY_LIMIT -> l.cnt() != null && l.cnt().compareTo(rule.maxQuantity()) > 0
                    ? "quantity " + l.cnt().stripTrailingZeros().toPlainString() + " of " + l.code()
                    + " exceeds the limit " + rule.maxQuantity().toPlainString() : null;
            case SupervisionRule.GENDER -> s.gend() != null && !rule.gender().equals(s.gend())
                    ? l.code() + " is restricted to gender " + rule.gender() + " (patient's gender " + s.gend() + ")"
                    : null;
            case SupervisionRule.AGE -> s.age() != null && ((rule.minAge() != null && s.age() < rule.minAge())
                    || (rule.maxAge() != null && s.age() > rule.maxAge()))
                    ? l.code() + " is restricted to ages " + range(rule) + " (patient's age " + s.age() + ")" : null;
            case SupervisionRule.OVER_CEILING -> l.overCeiling()
                    ? "price " + l.pric().toPlainString() + " of " + l.code() + " is over its ceiling "
                    + l.priceCeiling().toPlainString() : null;
            case SupervisionRule.DUPLICATE_PRESCRIPTION -> settledBefore(s, l.code(), rule.days())
                    ? l.code() + " was already settled for this person within " + rule.days() + " days" : null;
            default -> null;
        };
        if (hit != null) {
            out.add(new ReviewSubject.Finding(rule, l.feedetlSn(), l.code(), message(rule, hit)));
        }
    }

    /** The same national code settled for the person in another visit within the last days (cancelled ones don't count). */
    private boolean settledBefore(ReviewSubject s, String code, int days) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM node_fee_detail f JOIN node_settlement st "
                        + "ON st.setl_id = f.setl_id WHERE st.psn_no = ? AND st.status = 'SETTLED' "
                        + "AND f.med_list_codg = ? AND f.mdtrt_id <> ? AND st.setl_time >= ?", Integer.class,
                s.psnNo(), code, s.mdtrtId() == null ? "" : s.mdtrtId(), s.at().minusDays(days));
        return n != null && n > 0;
    }

    private static ReviewSubject.Finding visitFinding(SupervisionRule rule, String hit) {
        return new ReviewSubject.Finding(rule, "-", null, message(rule, hit));
    }

    private static String message(SupervisionRule rule, String hit) {
        return rule.description() == null ? hit : rule.description() + ": " + hit;
    }

    private static String range(SupervisionRule r) {
        return (r.minAge() == null ? "" : r.minAge()) + "-" + (r.maxAge() == null ? "" : r.maxAge());
    }
}
