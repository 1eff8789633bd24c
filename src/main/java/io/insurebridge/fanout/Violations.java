package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Supervision findings (smart review violations); one per event, rule and line: a redelivered event adds nothing. */
@Repository
public class Violations {
    private final JdbcTemplate jdbc;

    public Violations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String eventId, Violation v) {
        jdbc.update("INSERT INTO fanout_violation (event_id, rule_id, rule_type, action, fixmedins_code, mdtrt_id, "
                        + "setl_id, psn_no, atddr_no, feedetl_sn, med_list_codg, message, found_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", eventId,
                v.rule_id(), v.rule_type(), v.action(), v.fixmedins_code(), v.mdtrt_id(), v.setl_id(), v.psn_no(),
                v.atddr_no(), v.feedetl_sn(), v.med_list_codg(), v.message(), v.found_at());
    }

    public List<Violation> find(String fixmedinsCode, String setlId, String mdtrtId, String ruleId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM fanout_violation WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "fixmedins_code", fixmedinsCode);
        where(sql, args, "setl_id", setlId);
        where(sql, args, "mdtrt_id", mdtrtId);
        where(sql, args, "rule_id", ruleId);
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, i) -> new Violation(rs.getString("rule_id"),
                rs.getString("rule_type"), rs.getString("action"), rs.getString("fixmedins_code"),
                rs.getString("mdtrt_id"), rs.getString("setl_id"), rs.getString("psn_no"), rs.getString("atddr_no"),
                rs.getString("feedetl_sn"), rs.getString("med_list_codg"), rs.getString("message"),
                rs.getObject("found_at", OffsetDateTime.class)), args.toArray());
    }

    private static void where(StringBuilder sql, List<Object> args, String column, String value) {
        if (value != null && !value.isBlank()) {
            sql.append(" AND ").append(column).append(" = ?");
            args.add(value);
        }
    }

    public record Violation(String rule_id, String rule_type, String action, String fixmedins_code, String mdtrt_id,
                            String setl_id, String psn_no, String atddr_no, String feedetl_sn, String med_list_codg,
                            String message, OffsetDateTime found_at) {}
}
