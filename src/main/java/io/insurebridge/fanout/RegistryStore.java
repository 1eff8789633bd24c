package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** Current run-time registry statuses, their history and doctors' point deductions (survive restarts). */
@Repository
public class RegistryStore {
    private static final RowMapper<RegistryStatus> STATUS = (rs, i) -> new RegistryStatus(
            RegistryKind.valueOf(rs.getString("entity_kind")), rs.getString("code"), rs.getString("status"),
            rs.getString("reason"), rs.getString("operator"), rs.getBoolean("cascaded"),
            rs.getObject("changed_at", OffsetDateTime.class));

    private final JdbcTemplate jdbc;

    public RegistryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<RegistryStatus> current(RegistryKind kind, String code) {
        return jdbc.query("SELECT * FROM fanout_registry_status WHERE entity_kind = ? AND code = ?", STATUS,
                kind.name(), code).stream().findFirst();
    }

    public List<RegistryStatus> all(RegistryKind kind) {
        return jdbc.query("SELECT * FROM fanout_registry_status WHERE entity_kind = ? ORDER BY code", STATUS,
                kind.name());
    }

    public List<RegistryStatus> history(RegistryKind kind, String code) {
        return jdbc.query("SELECT * FROM fanout_registry_history WHERE entity_kind = ? AND code = ? ORDER BY id",
                STATUS, kind.name(), code);
    }

    /** Sets the current status and appends it to the history. */
    public void change(RegistryStatus s) {
        jdbc.update("DELETE FROM fanout_registry_status WHERE entity_kind = ? AND code = ?", s.kind().name(),
                s.code());
        jdbc.update("INSERT INTO fanout_registry_status (entity_kind, code, status, reason, operator, cascaded, "
                        + "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s.kind().name(), s.code(), s.status(),
                s.reason(), s.operator(), s.cascaded(), s.changedAt());
        jdbc.update("INSERT INTO fanout_registry_history (entity_kind, code, status, reason, operator, cascaded, "
                        + "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)", s.kind().name(), s.code(), s.status(),
                s.reason(), s.operator(), s.cascaded(), s.changedAt());
    }

    public void deduct(String doctor, int points, String reason, String operator, OffsetDateTime at) {
        jdbc.update("INSERT INTO fanout_doctor_deduction (dr_code, points, reason, operator, deducted_at) "
                + "VALUES (?, ?, ?, ?, ?)", doctor, points, reason, operator, at);
    }

    public int deductedPoints(String doctor) {
        Integer sum = jdbc.queryForObject("SELECT COALESCE(SUM(points), 0) FROM fanout_doctor_deduction "
                + "WHERE dr_code = ?", Integer.class, doctor);
        return sum == null ? 0 : sum;
    }

    public List<Deduction> deductions(String doctor) {
        return jdbc.query("SELECT points, reason, operator, deducted_at FROM fanout_doctor_deduction WHERE dr_code = ? "
                + "ORDER BY id", (rs, i) -> new Deduction(rs.getInt(1), rs.getString(2), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class)), doctor);
    }

    public record Deduction(int points, String reason, String operator, OffsetDateTime at) {}
}
