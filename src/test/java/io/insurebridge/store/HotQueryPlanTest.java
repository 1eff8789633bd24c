package io.insurebridge.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queries every message or settlement runs must find their rows through an index: a table scan there makes
 * each settlement slower as the tables grow (the bench's profile found two, on node_fee_detail.setl_id). Checked on
 * the embedded database's plans, with the schema the migrations build.
 */
class HotQueryPlanTest {
    private static JdbcTemplate jdbc;

    /** One per statement shape run per message or per settlement (literals stand for the parameters). */
    private static final List<String> HOT_QUERIES = List.of(
            // front door and processing
            "SELECT * FROM messages WHERE dedup_key = 'k'",
            "SELECT * FROM messages WHERE id = 1",
            "UPDATE messages SET status = 'QUEUED' WHERE id = 1",
            "SELECT * FROM message_hops WHERE message_id = 1 ORDER BY id",
            // gateway
            "SELECT * FROM gateway_visits WHERE institution_code = 'H' AND ipt_otp_no = 'V'",
            "SELECT * FROM gateway_visits WHERE mdtrt_id = 'M'",
            "SELECT * FROM platform_calls WHERE msgid = 'X'",
            "UPDATE platform_calls SET status = 'ANSWERED' WHERE msgid = 'X' AND status = 'SENT'",
            "SELECT * FROM platform_calls WHERE institution_code = 'H' AND visit_no = 'V'",
            // settlement node
            "SELECT * FROM node_processed_request WHERE msgid = 'X'",
            "SELECT acct_balance FROM node_person WHERE psn_no = 'P' FOR UPDATE",
            "SELECT * FROM node_person_year WHERE psn_no = 'P' AND acc_year = 2026",
            "SELECT * FROM node_visit WHERE mdtrt_id = 'M'",
            "SELECT * FROM node_visit WHERE psn_no = 'P' AND status = 'SETTLED'",
            "SELECT * FROM node_fee_detail WHERE mdtrt_id = 'M' AND setl_id IS NULL ORDER BY id",
            "SELECT * FROM node_fee_detail WHERE setl_id = 'S' ORDER BY med_chrgitm_type, id",
            "UPDATE node_fee_detail SET setl_id = NULL WHERE setl_id = 'S'",
            "SELECT * FROM node_settlement WHERE setl_id = 'S'",
            "SELECT * FROM node_settlement WHERE msgid = 'X'",
            "SELECT * FROM node_settlement WHERE psn_no = 'P' AND status = 'SETTLED'",
            "UPDATE node_budget_use SET fund_paid = fund_paid + 1 WHERE fixmedins_code = 'H' AND acc_year = 2026 "
                    + "AND slot = 3",
            "SELECT SUM(fund_paid) FROM node_budget_use WHERE fixmedins_code = 'H' AND acc_year = 2026",
            "SELECT * FROM patient_bill WHERE setl_id = 'S' AND kind = 'BLUE'",
            "SELECT * FROM patient_bill WHERE mdtrt_id = 'M'",
            // prescriptions and fan-out
            "SELECT * FROM node_prescription WHERE hi_rxno = 'R'",
            "SELECT * FROM rx_prescription WHERE hi_rxno = 'R'",
            "SELECT * FROM rx_status_history WHERE hi_rxno = 'R' ORDER BY id",
            "SELECT * FROM fanout_outbox WHERE published_at IS NULL ORDER BY id",
            "SELECT * FROM fanout_registry_status WHERE entity_kind = 'doctor' AND code = 'D'",
            "SELECT * FROM fanout_person_suspension WHERE psn_no = 'P'",
            "SELECT * FROM fanout_doctor_deduction WHERE dr_code = 'D'",
            // sweeps
            "SELECT * FROM patient_payment_order WHERE status = 'PAYING' ORDER BY created_at",
            "SELECT * FROM rx_prescription WHERE valid_until < CURRENT_TIMESTAMP AND status IN ('ISSUED', 'UPLOADED')",
            "SELECT * FROM messages WHERE status = 'RECEIVED'");

    @BeforeAll
    static void schema() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:plans;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
    }

    @Test
    void hotQueriesUseAnIndex() {
        List<String> scans = HOT_QUERIES.stream()
                .filter(sql -> scans(jdbc.queryForObject("EXPLAIN " + sql, String.class)))
                .toList();
        assertThat(scans).as("queries that scan a whole table").isEmpty();
    }

    @Test
    void theCheckSeesTableAndFullIndexScans() {
        // guards the check itself: H2 may walk a whole unrelated index instead of the table; both are scans
        assertThat(scans(jdbc.queryForObject("EXPLAIN SELECT * FROM node_fee_detail WHERE pric = 1", String.class)))
                .isTrue();
        assertThat(scans(jdbc.queryForObject("EXPLAIN UPDATE node_fee_detail SET setl_id = NULL WHERE pric = 1",
                String.class))).isTrue();
        assertThat(scans(jdbc.queryForObject("EXPLAIN SELECT * FROM node_fee_detail WHERE mdtrt_id = 'M'",
                String.class))).isFalse();
    }

    /**
     * H2 names the access path of each table in a comment: "/* schema.index: column = ... *\/" for a look-up,
     * "/* schema.table.tableScan *\/" or a bare index name (a walk through the whole index) for a scan.
     */
    static boolean scans(String plan) {
        Matcher access = ACCESS_PATH.matcher(plan);
        while (access.find()) {
            String path = access.group(1);
            if (path.contains("tableScan") || !path.contains(":")) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern ACCESS_PATH = Pattern.compile("/\\*\\s*(public\\.[^*]*?)\\s*\\*/");
}
