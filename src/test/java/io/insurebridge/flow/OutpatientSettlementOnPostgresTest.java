package io.insurebridge.flow;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;

import static io.insurebridge.flow.OutpatientSettlementEndToEndTest.charges;
import static io.insurebridge.flow.OutpatientSettlementEndToEndTest.register;
import static io.insurebridge.flow.OutpatientSettlementEndToEndTest.send;
import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a real PostgreSQL (message store, gateway tables, settlement node state, dead letters;
 * every Flyway migration): registration and settlement over MLLP, a HIS retry answered from the store, settled
 * exactly once. Runs when CI passes -Dinsurebridge.test.postgres-url (see .ci/run); skipped otherwise.
 */
@SpringBootTest
@EnabledIfSystemProperty(named = PostgresTestDatabase.URL_PROPERTY, matches = ".+",
        disabledReason = "no PostgreSQL: pass -Dinsurebridge.test.postgres-url=jdbc:postgresql://... (.ci/run does)")
class OutpatientSettlementOnPostgresTest {

    static final int MLLP_PORT = AppTestSupport.freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        AppTestSupport.register(registry, "e2e-pg", MLLP_PORT);
        PostgresTestDatabase.registerFreshSchema(registry, "e2e");
    }

    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;

    @Test
    void registersAndSettlesOnceOnPostgres() throws Exception {
        assertThat(jdbc.queryForObject("SELECT version()", String.class)).startsWith("PostgreSQL");
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            assertThat(field(send(his, register("PG-A04-1", "330102198001150117", "张伟", "V-PG-1")), "MSA", 1))
                    .isEqualTo("AA");
            String settled = send(his, charges("PG-P03-1", "330102198001150117", "张伟", "V-PG-1", "SETTLE"));
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            assertThat(field(settled, "ZST", 3)).isEqualTo("322.00");
            assertThat(field(settled, "ZST", 9)).isEqualTo("46.90");
            assertThat(field(settled, "ZST", 16)).isEqualTo("724.90");

            assertThat(send(his, charges("PG-P03-1", "330102198001150117", "张伟", "V-PG-1", "SETTLE")))
                    .isEqualTo(settled);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_settlement WHERE psn_no = ? AND status = 'SETTLED'",
                Integer.class, "33010000000000000001")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT acct_balance FROM node_person WHERE psn_no = ?", BigDecimal.class,
                "33010000000000000001")).isEqualByComparingTo("724.90");
        assertThat(store.count(MessageStatus.PROCESSED)).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class))
                .isGreaterThanOrEqualTo(4);
    }
}
