package io.insurebridge.support;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real PostgreSQL server CI starts (.ci/run passes -Dinsurebridge.test.postgres-url / -user / -password).
 * Each test application gets a fresh schema of its own, so runs and test classes never see each other's rows.
 */
public final class PostgresTestDatabase {

    public static final String URL_PROPERTY = "insurebridge.test.postgres-url";

    private PostgresTestDatabase() {}

    public static String url() {
        return System.getProperty(URL_PROPERTY, "");
    }

    public static String user() {
        return System.getProperty("insurebridge.test.postgres-user", "postgres");
    }

    public static String password() {
        return System.getProperty("insurebridge.test.postgres-password", "");
    }

    /** Creates a fresh schema and points the application's datasource and Flyway at it; returns its name. */
    public static String registerFreshSchema(DynamicPropertyRegistry registry, String prefix) {
        return registerFreshSchema(registry, prefix, url(), user(), password());
    }

    /** The same on a server given explicitly (the settlement node tests have their own -D properties). */
    public static String registerFreshSchema(DynamicPropertyRegistry registry, String prefix, String url, String user,
                                             String password) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema on " + url + ": " + e.getMessage(), e);
        }
        String separator = url.contains("?") ? "&" : "?";
        registry.add("spring.datasource.url", () -> url + separator + "currentSchema=" + schema);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> password);
        registry.add("spring.flyway.schemas", () -> schema);
        return schema;
    }
}
