package io.insurebridge.settlement.state;

import io.insurebridge.settlement.policy.AccumulatorDelta;
import io.insurebridge.settlement.policy.BenefitGroup;
import io.insurebridge.settlement.policy.YearToDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A person's account balance and year-to-date accumulators; the account row doubles as the person's lock. It is a
 * database row lock, so it serializes a person's transactions across every instance sharing the database
 * (docs/deployment.md), and a killed instance's lock goes with its connection.
 */
@Repository
public class PersonState {
    private final JdbcTemplate jdbc;

    public PersonState(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the person's row on first use (balance from persons.csv) and locks it until the transaction ends,
     * so concurrent transactions of one person run one after the other. Returns the balance now.
     */
    public BigDecimal lock(String psnNo, BigDecimal initialBalance, OffsetDateTime now) {
        jdbc.update("INSERT INTO node_person (psn_no, acct_balance, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                psnNo, initialBalance, now);
        return jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ? FOR UPDATE",
                BigDecimal.class, psnNo);
    }

    /** Balance without a lock (1101); empty when the node has not seen the person yet. */
    public Optional<BigDecimal> balance(String psnNo) {
        return jdbc.queryForList("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class, psnNo)
                .stream().findFirst();
    }

    /** Year-to-date state for the group; call with the person locked. */
    public YearToDate yearToDate(String psnNo, int year, BenefitGroup group, BigDecimal balance) {
        jdbc.update("INSERT INTO node_person_year (psn_no, acc_year) VALUES (?, ?) ON CONFLICT DO NOTHING",
                psnNo, year);
        String prefix = prefix(group);
        return jdbc.queryForObject("SELECT " + prefix + "_dedc_used, " + prefix + "_pool_paid, ci_burden, maf_paid "
                        + "FROM node_person_year WHERE psn_no = ? AND acc_year = ?",
                (rs, i) -> new YearToDate(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), balance), psnNo, year);
    }

    /** Adds a settlement's delta (sign +1) or takes it back (sign -1); call with the person locked. */
    public void apply(String psnNo, int year, BenefitGroup group, AccumulatorDelta delta, int sign,
                      OffsetDateTime now) {
        AccumulatorDelta d = sign > 0 ? delta : delta.negate();
        String prefix = prefix(group);
        int rows = jdbc.update("UPDATE node_person_year SET " + prefix + "_dedc_used = " + prefix + "_dedc_used + ?, "
                        + prefix + "_pool_paid = " + prefix + "_pool_paid + ?, ci_burden = ci_burden + ?, "
                        + "maf_paid = maf_paid + ?, settle_cnt = settle_cnt + ? WHERE psn_no = ? AND acc_year = ?",
                d.deductible(), d.pooled(), d.criticalIllnessBurden(), d.assistance(), sign, psnNo, year);
        requireOne(rows, psnNo);
        requireOne(jdbc.update("UPDATE node_person SET acct_balance = acct_balance - ?, updated_at = ? WHERE psn_no = ?",
                d.account(), now, psnNo), psnNo);
    }

    public AccumulatorSnapshot accumulators(String psnNo, int year) {
        return jdbc.query("SELECT otp_dedc_used, otp_pool_paid, chr_dedc_used, chr_pool_paid, ci_burden, maf_paid, "
                        + "settle_cnt FROM node_person_year WHERE psn_no = ? AND acc_year = ?",
                (rs, i) -> new AccumulatorSnapshot(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3),
                        rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getInt(7)),
                psnNo, year).stream().findFirst().orElse(AccumulatorSnapshot.NONE);
    }

    /** All accumulators of one person and year (reporting and tests). */
    public record AccumulatorSnapshot(BigDecimal outpatientDeductibleUsed, BigDecimal outpatientPooledPaid,
                                      BigDecimal chronicDeductibleUsed, BigDecimal chronicPooledPaid,
                                      BigDecimal criticalIllnessBurden, BigDecimal assistancePaid, int settlements) {
        static final AccumulatorSnapshot NONE = new AccumulatorSnapshot(BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    private static String prefix(BenefitGroup group) {
        return group == BenefitGroup.CHRONIC ? "chr" : "otp";
    }

    private static void requireOne(int rows, String psnNo) {
        if (rows != 1) {
            throw new IllegalStateException("accumulator row of " + psnNo + " missing");
        }
    }
}
