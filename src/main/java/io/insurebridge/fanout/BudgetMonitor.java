package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.Budget;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeProperties;
import io.insurebridge.settlement.state.BudgetUse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscriber "budget": after each settlement, compares the institution's fund consumption of the year (the node's
 * node_budget_use) with its annual total budget (budgets.csv) and raises one budget-alert event per threshold
 * crossed (insurebridge.fanout.budget-alert-thresholds, percent).
 */
@Component("budgetMonitor")
public class BudgetMonitor {
    private final MappingSource mappings;
    private final BudgetUse use;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final FanoutProperties properties;
    private final NodeProperties node;

    public BudgetMonitor(MappingSource mappings, BudgetUse use, JdbcTemplate jdbc, Outbox outbox,
                         FanoutProperties properties, NodeProperties node) {
        this.mappings = mappings;
        this.use = use;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.properties = properties;
        this.node = node;
    }

    @Transactional
    public void onEvent(String json) {
        JsonNode e = Events.read(json);
        if (!EventType.SETTLEMENT.equals(e.path("event_type").asText())) {
            return;
        }
        String institution = e.path("fixmedins_code").asText();
        int year = OffsetDateTime.parse(e.path("occurred_at").asText()).atZoneSameInstant(node.zone()).getYear();
        Budget budget = mappings.current().budgets().get(institution);
        if (budget == null || budget.year() != year || budget.totalBudget().signum() <= 0) {
            return;
        }
        BigDecimal paid = use.fundPaid(institution, year);
        BigDecimal pct = percent(paid, budget.totalBudget());
        for (BigDecimal threshold : properties.budgetAlertThresholds()) {
            if (pct.compareTo(threshold) < 0) {
                continue;
            }
            OffsetDateTime now = OffsetDateTime.now();
            boolean first = jdbc.update("INSERT INTO fanout_budget_alert (fixmedins_code, acc_year, threshold_pct, "
                            + "fund_paid, total_budget, alerted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    institution, year, threshold, paid, budget.totalBudget(), now) == 1;
            if (first) {
                String id = EventType.BUDGET_ALERT + "-" + institution + "-" + year + "-" + threshold.toPlainString();
                ObjectNode alert = NodeJson.object();
                alert.put("event_id", id).put("event_type", EventType.BUDGET_ALERT).put("occurred_at", now.toString())
                        .put("fixmedins_code", institution).put("year", year).put("threshold_pct", threshold)
                        .put("consumed_pct", pct).put("fund_paid", paid).put("total_budget", budget.totalBudget());
                outbox.add(id, EventType.BUDGET_ALERT, NodeJson.write(alert));
            }
        }
    }

    /** Every budgeted institution's consumption of the given year, with the alerts raised. */
    public List<Map<String, Object>> consumption(int year) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Budget b : mappings.current().budgets().values()) {
            if (b.year() != year) {
                continue;
            }
            BigDecimal paid = use.fundPaid(b.institutionCode(), year);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("fixmedins_code", b.institutionCode());
            row.put("year", year);
            row.put("total_budget", b.totalBudget());
            row.put("fund_paid", paid);
            row.put("consumed_pct", percent(paid, b.totalBudget()));
            row.put("alerts", jdbc.queryForList("SELECT threshold_pct FROM fanout_budget_alert WHERE fixmedins_code = ? "
                    + "AND acc_year = ? ORDER BY threshold_pct", BigDecimal.class, b.institutionCode(), year));
            out.add(row);
        }
        out.sort(java.util.Comparator.comparing(r -> (String) r.get("fixmedins_code")));
        return out;
    }

    static BigDecimal percent(BigDecimal paid, BigDecimal total) {
        return total.signum() == 0 ? BigDecimal.ZERO
                : paid.multiply(BigDecimal.valueOf(100)).divide(total, 6, RoundingMode.HALF_UP);
    }
}
