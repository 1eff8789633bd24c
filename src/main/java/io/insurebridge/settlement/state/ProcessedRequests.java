package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Optional;

/** The answered msgids and their answers: the authority for idempotency, whatever the transport. */
@Repository
public class ProcessedRequests {
    private final JdbcTemplate jdbc;

    public ProcessedRequests(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> response(String msgid) {
        return jdbc.query("SELECT response FROM node_processed_request WHERE msgid = ?",
                (rs, i) -> rs.getString(1), msgid).stream().findFirst();
    }

    /** Records the answer unless the msgid already has one; true when this call recorded it. */
    public boolean recordIfAbsent(String msgid, String infno, int infcode, String responseJson, OffsetDateTime at) {
        return jdbc.update("INSERT INTO node_processed_request (msgid, infno, infcode, response, answered_at) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", msgid, infno, infcode, responseJson, at) == 1;
    }

    /** The infno and infcode an earlier msgid was answered with (for 2601). */
    public Optional<Answered> answered(String msgid) {
        return jdbc.query("SELECT infno, infcode FROM node_processed_request WHERE msgid = ?",
                (rs, i) -> new Answered(rs.getString(1), rs.getInt(2)), msgid).stream().findFirst();
    }

    public record Answered(String infno, int infcode) {}
}
