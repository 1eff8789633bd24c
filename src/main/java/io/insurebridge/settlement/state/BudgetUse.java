package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;

/**
 * What the funds paid per institution and year: budget consumption and a settlement count. Kept in
 * {@value #SLOTS} rows per institution and year, a settlement adding to the slot its id falls in, so that concurrent
 * settlements of one hospital do not all wait for the same row lock until their commit.
 */
@Repository
public class BudgetUse {
    static final int SLOTS = 16;

    private final JdbcTemplate jdbc;

    public BudgetUse(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** sign +1 for a settlement, -1 for its cancellation; {@code setlId} picks the slot. */
    public void add(String institutionCode, int year, String setlId, BigDecimal fundPaid, int sign) {
        int slot = Math.floorMod(setlId.hashCode(), SLOTS);
        jdbc.update("INSERT INTO node_budget_use (fixmedins_code, acc_year, slot) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", institutionCode, year, slot);
        jdbc.update("UPDATE node_budget_use SET fund_paid = fund_paid + ?, settle_cnt = settle_cnt + ? "
                        + "WHERE fixmedins_code = ? AND acc_year = ? AND slot = ?",
                sign > 0 ? fundPaid : fundPaid.negate(), sign, institutionCode, year, slot);
    }

    public BigDecimal fundPaid(String institutionCode, int year) {
        BigDecimal paid = jdbc.queryForObject("SELECT SUM(fund_paid) FROM node_budget_use "
                + "WHERE fixmedins_code = ? AND acc_year = ?", BigDecimal.class, institutionCode, year);
        return paid == null ? BigDecimal.ZERO : paid;
    }
}
