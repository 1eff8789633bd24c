package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts and amounts from the statistics facts, grouped by any of: institution, day, med_type, online, insutype;
 * and the fund breakdown by fund_pay_type. Amounts are net (cancellations subtract).
 */
@Repository
public class StatisticsQuery {
    /** API name -> column. */
    static final Map<String, String> DIMENSIONS = new LinkedHashMap<>();
    static {
        DIMENSIONS.put("institution", "f.fixmedins_code");
        DIMENSIONS.put("day", "f.stat_day");
        DIMENSIONS.put("med_type", "f.med_type");
        DIMENSIONS.put("online", "f.online");
        DIMENSIONS.put("insutype", "f.insutype");
    }
    /** Result aliases of the dimensions ("day" is a reserved word). */
    private static final String ALIAS = "g_";
    static final List<String> MEASURES = List.of("settlements", "cancellations", "net_count", "medfee_sumamt",
            "fund_pay_sumamt", "acct_pay", "psn_cash_pay");

    private final JdbcTemplate jdbc;

    public StatisticsQuery(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> summary(Filter filter, List<String> groupBy) {
        List<String> columns = columns(groupBy);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String dim : groupBy) {
            sql.append(DIMENSIONS.get(dim)).append(" AS ").append(ALIAS).append(dim).append(", ");
        }
        sql.append("SUM(CASE WHEN f.event_type = 'settlement' THEN 1 ELSE 0 END) AS settlements, ")
                .append("SUM(CASE WHEN f.event_type = 'cancellation' THEN 1 ELSE 0 END) AS cancellations, ")
                .append("SUM(CASE WHEN f.event_type = 'settlement' THEN 1 ELSE -1 END) AS net_count, ")
                .append("SUM(f.medfee_sumamt) AS medfee_sumamt, SUM(f.fund_pay_sumamt) AS fund_pay_sumamt, ")
                .append("SUM(f.acct_pay) AS acct_pay, SUM(f.psn_cash_pay) AS psn_cash_pay FROM fanout_stat_fact f");
        List<Object> args = where(sql, filter);
        groupAndOrder(sql, groupBy);
        return rows(sql.toString(), args, columns);
    }

    public List<Map<String, Object>> funds(Filter filter, List<String> groupBy) {
        List<String> columns = new ArrayList<>(groupBy);
        columns.add("fund_pay_type");
        columns.add("fund_payamt");
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String dim : groupBy) {
            sql.append(DIMENSIONS.get(dim)).append(" AS ").append(ALIAS).append(dim).append(", ");
        }
        sql.append("u.fund_pay_type AS fund_pay_type, SUM(u.fund_payamt) AS fund_payamt FROM fanout_stat_fact f ")
                .append("JOIN fanout_stat_fund u ON u.event_id = f.event_id");
        List<Object> args = where(sql, filter);
        List<String> group = new ArrayList<>(groupBy);
        group.add("fund_pay_type");
        sql.append(" GROUP BY ").append(String.join(", ", group.stream()
                .map(g -> DIMENSIONS.getOrDefault(g, "u.fund_pay_type")).toList()));
        sql.append(" ORDER BY ").append(String.join(", ", group.stream()
                .map(g -> DIMENSIONS.getOrDefault(g, "u.fund_pay_type")).toList()));
        return rows(sql.toString(), args, columns);
    }

    static List<String> columns(List<String> groupBy) {
        List<String> columns = new ArrayList<>(groupBy);
        columns.addAll(MEASURES);
        return columns;
    }

    private static void groupAndOrder(StringBuilder sql, List<String> groupBy) {
        if (!groupBy.isEmpty()) {
            String cols = String.join(", ", groupBy.stream().map(DIMENSIONS::get).toList());
            sql.append(" GROUP BY ").append(cols).append(" ORDER BY ").append(cols);
        }
    }

    private static List<Object> where(StringBuilder sql, Filter f) {
        List<Object> args = new ArrayList<>();
        sql.append(" WHERE 1 = 1");
        if (f.from() != null) {
            sql.append(" AND f.stat_day >= ?");
            args.add(f.from());
        }
        if (f.to() != null) {
            sql.append(" AND f.stat_day <= ?");
            args.add(f.to());
        }
        if (f.institution() != null && !f.institution().isBlank()) {
            sql.append(" AND f.fixmedins_code = ?");
            args.add(f.institution());
        }
        return args;
    }

    private List<Map<String, Object>> rows(String sql, List<Object> args, List<String> columns) {
        return jdbc.query(sql, (rs, i) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            for (String c : columns) {
                Object v = rs.getObject(DIMENSIONS.containsKey(c) ? ALIAS + c : c);
                row.put(c, v instanceof java.sql.Date d ? d.toLocalDate().toString() : v);
            }
            return row;
        }, args.toArray());
    }

    public record Filter(LocalDate from, LocalDate to, String institution) {}
}
