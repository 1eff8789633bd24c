package io.insurebridge.fanout;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;

/** Events waiting to be published: written in the transaction that caused them, published by the relay. */
@Repository
public class Outbox {
    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** false when an event with this id is already in the outbox (published once, whatever repeats). */
    public boolean add(String eventId, String eventType, String payload) {
        return jdbc.update("INSERT INTO fanout_outbox (event_id, event_type, payload, created_at) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT DO NOTHING", eventId, eventType, payload, OffsetDateTime.now()) == 1;
    }

    public List<Pending> pending(int limit) {
        return jdbc.query("SELECT id, event_id, event_type, payload FROM fanout_outbox WHERE published_at IS NULL "
                        + "ORDER BY id LIMIT ?",
                (rs, i) -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)), limit);
    }

    public void markPublished(long id) {
        jdbc.update("UPDATE fanout_outbox SET published_at = ? WHERE id = ?", OffsetDateTime.now(), id);
    }

    public record Pending(long id, String eventId, String eventType, String payload) {}
}
