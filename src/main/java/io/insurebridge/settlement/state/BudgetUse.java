package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;

/** What the funds paid per institution and year: budget consumption and a settlement count. */
@Repository
public class BudgetUse {
    private final JdbcTemplate jdbc;

    public BudgetUse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** sign +1 for a settlement, -1 for its cancellation. */
    public void add(String institutionCode, int year, BigDecimal fundPaid, int sign) {
        jdbc.update("INSERT INTO node_budget_use (fixmedins_code, acc_year) VALUES (?, ?) ON CONFLICT DO NOTHING",
                institutionCode, year);
        jdbc.update("UPDATE node_budget_use SET fund_paid = fund_paid + ?, settle_cnt = settle_cnt + ? "
                        + "WHERE fixmedins_code = ? AND acc_year = ?",
                sign > 0 ? fundPaid : fundPaid.negate(), sign, institutionCode, year);
    }

    public BigDecimal fundPaid(String institutionCode, int year) {
        return jdbc.queryForList("SELECT fund_paid FROM node_budget_use WHERE fixmedins_code = ? AND acc_year = ?",
                BigDecimal.class, institutionCode, year).stream().findFirst().orElse(BigDecimal.ZERO);
    }
}
