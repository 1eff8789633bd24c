package io.insurebridge.store.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The dead_letters table (V8). */
@Repository
public class DeadLetterStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, original_queue, dead_queue, jms_message_id, delivery_count, reason, "
            + "headers, body, status, dead_at, retried_at, retry_count";

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String originalQueue, String deadQueue, String jmsMessageId, Integer deliveryCount,
                       String reason, Map<String, String> headers, String body) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(c -> {
            PreparedStatement ps = c.prepareStatement("INSERT INTO dead_letters (original_queue, dead_queue, "
                    + "jms_message_id, delivery_count, reason, headers, body, status, dead_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            ps.setString(1, originalQueue);
            ps.setString(2, deadQueue);
            ps.setString(3, jmsMessageId);
            ps.setObject(4, deliveryCount);
            ps.setString(5, truncate(reason, 4000));
            ps.setString(6, toJson(headers));
            ps.setString(7, body);
            ps.setString(8, DeadLetter.DEAD);
            ps.setTimestamp(9, Timestamp.from(java.time.Instant.now()));
            return ps;
        }, key);
        return key.getKey().longValue();
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?", ROW, id).stream().findFirst();
    }

    public List<DeadLetter> list(String status, String queue, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dead_letters WHERE 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (queue != null) {
            sql.append(" AND original_queue = ?");
            args.add(queue);
        }
        sql.append(" ORDER BY id DESC LIMIT ").append(Math.max(1, Math.min(limit, 500)));
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    public long count(String status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE status = ?", Long.class, status);
        return n == null ? 0 : n;
    }

    /** Marks a dead letter re-driven; false when it was already re-driven (two operators clicking at once). */
    public boolean markRetried(long id) {
        return jdbc.update("UPDATE dead_letters SET status = ?, retried_at = ?, retry_count = retry_count + 1 "
                + "WHERE id = ? AND status = ?", DeadLetter.RETRIED, Timestamp.from(java.time.Instant.now()), id,
                DeadLetter.DEAD) == 1;
    }

    /** Back to DEAD when the re-send itself failed (broker down), so it can be retried again. */
    public void markDead(long id) {
        jdbc.update("UPDATE dead_letters SET status = ? WHERE id = ?", DeadLetter.DEAD, id);
    }

    private static final RowMapper<DeadLetter> ROW = (rs, n) -> new DeadLetter(rs.getLong("id"),
            rs.getString("original_queue"), rs.getString("dead_queue"), rs.getString("jms_message_id"),
            (Integer) rs.getObject("delivery_count", Integer.class), rs.getString("reason"),
            fromJson(rs.getString("headers")), rs.getString("body"), rs.getString("status"),
            time(rs.getTimestamp("dead_at")), time(rs.getTimestamp("retried_at")), rs.getInt("retry_count"));

    private static OffsetDateTime time(Timestamp t) {
        return t == null ? null : t.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String toJson(Map<String, String> headers) {
        try {
            return JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> fromJson(String json) {
        try {
            return JSON.readValue(json, new TypeReference<java.util.LinkedHashMap<String, String>>() {});
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

}
