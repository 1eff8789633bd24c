package io.insurebridge.mapping;

import java.time.OffsetDateTime;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A fresh in-memory H2 (PostgreSQL mode, like the product) migrated with the real Flyway scripts. */
final class GapTestDatabase {
    final JdbcTemplate jdbc;

    GapTestDatabase() {
        DataSource ds = new DriverManagerDataSource("jdbc:h2:mem:gaps" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
    }

    /** A stored inbound message row (messages of V1), as the message store would write it. */
    long message(String controlId) {
        OffsetDateTime now = OffsetDateTime.now();
        jdbc.update("INSERT INTO messages (connector, protocol, sending_facility, control_id, message_type, status,"
                + " raw, received_at, updated_at) VALUES ('his-demo', 'HL7V2', 'H33010000001', ?, 'DFT^P03', 'HELD',"
                + " 'MSH|...', ?, ?)", controlId, now, now);
        return jdbc.queryForObject("SELECT id FROM messages WHERE control_id = ?", Long.class, controlId);
    }

    void shutdown() {
        jdbc.execute("SHUTDOWN");
    }
}
