package io.insurebridge.security.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The audit table (V9): rows are added, never changed; read newest first with filters. */
@Component
public class AuditTrail {

    private static final String COLUMNS = "id, at, username, roles, action, target, reason, outcome, http_status, "
            + "method, path, remote_address";

    private static final RowMapper<AuditEntry> ROW = (rs, n) -> new AuditEntry(rs.getLong("id"),
            rs.getTimestamp("at").toInstant().atOffset(ZoneOffset.UTC), rs.getString("username"),
            rs.getString("roles"), rs.getString("action"), rs.getString("target"), rs.getString("reason"),
            rs.getString("outcome"), (Integer) rs.getObject("http_status", Integer.class), rs.getString("method"),
            rs.getString("path"), rs.getString("remote_address"));

    private final JdbcTemplate jdbc;

    public AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String user, String roles, String action, String target, String reason, String outcome,
                       Integer httpStatus, String method, String path, String remoteAddress) {
        jdbc.update("INSERT INTO audit_log (at, username, roles, action, target, reason, outcome, http_status, "
                        + "method, path, remote_address) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                Timestamp.from(Instant.now()), trim(user, 100), trim(roles, 200), trim(action, 100),
                trim(target, 300), trim(reason, 1000), outcome, httpStatus, trim(method, 10), trim(path, 500),
                trim(remoteAddress, 100));
    }

    public List<AuditEntry> search(AuditQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.user() != null) {
            sql.append(" AND username = ?");
            args.add(q.user());
        }
        if (q.action() != null) {
            // "registry" finds registry.suspend, registry.restore, ...
            sql.append(" AND (action = ? OR action LIKE ?)");
            args.add(q.action());
            args.add(q.action() + ".%");
        }
        if (q.target() != null) {
            sql.append(" AND target = ?");
            args.add(q.target());
        }
        if (q.outcome() != null) {
            sql.append(" AND outcome = ?");
            args.add(q.outcome());
        }
        if (q.from() != null) {
            sql.append(" AND at >= ?");
            args.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.to() != null) {
            sql.append(" AND at < ?");
            args.add(Timestamp.from(q.to().toInstant()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    private static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
