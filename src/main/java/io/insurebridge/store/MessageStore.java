package io.insurebridge.store;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL message store: every inbound message is written here before it is acknowledged, and every hop after
 * that appends to its trace.
 */
@Repository
public class MessageStore {

    private static final String COLUMNS = "id, connector, protocol, sending_app, sending_facility, receiving_app, "
            + "receiving_facility, control_id, message_type, hl7_version, charset, status, reason, queue, msgid, raw, "
            + "ack, ack_code, received_at, updated_at";

    private final JdbcTemplate jdbc;

    public MessageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a message that counts as received once (its dedup key is claimed).
     *
     * @throws DuplicateKeyException when the same sender already sent this control id
     */
    @Transactional
    public long insertAccepted(InboundMessage m) {
        return insert(m, m.dedupKey(), MessageStatus.RECEIVED, null, null, null);
    }

    /** Stores a refused message with its reason and the ACK it got; it claims no dedup key. */
    @Transactional
    public long insertRejected(InboundMessage m, String reason, String ack, String ackCode) {
        long id = insert(m, null, MessageStatus.REJECTED, reason, ack, ackCode);
        appendHop(id, "rejected", reason);
        return id;
    }

    private long insert(InboundMessage m, String dedupKey, MessageStatus status, String reason, String ack,
                        String ackCode) {
        KeyHolder keys = new GeneratedKeyHolder();
        Timestamp now = Timestamp.from(java.time.Instant.now());
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO messages (connector, protocol, sending_app, "
                    + "sending_facility, receiving_app, receiving_facility, control_id, message_type, hl7_version, "
                    + "charset, dedup_key, status, reason, raw, ack, ack_code, received_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"id"});
            int i = 1;
            ps.setString(i++, m.connector());
            ps.setString(i++, m.protocol());
            ps.setString(i++, trim(m.sendingApp(), 100));
            ps.setString(i++, trim(m.sendingFacility(), 100));
            ps.setString(i++, trim(m.receivingApp(), 100));
            ps.setString(i++, trim(m.receivingFacility(), 100));
            ps.setString(i++, trim(m.controlId(), 100));
            ps.setString(i++, trim(m.messageType(), 30));
            ps.setString(i++, trim(m.version(), 10));
            ps.setString(i++, trim(m.charset(), 30));
            ps.setString(i++, dedupKey);
            ps.setString(i++, status.name());
            ps.setString(i++, trim(reason, 4000));
            ps.setString(i++, m.raw());
            ps.setString(i++, ack);
            ps.setString(i++, ackCode);
            ps.setTimestamp(i++, now);
            ps.setTimestamp(i, now);
            return ps;
        }, keys);
        long id = keys.getKey().longValue();
        appendHop(id, "received", m.connector());
        return id;
    }

    /** Finds the message that holds a dedup key (a HIS retry finds its first copy). */
    public Optional<StoredMessage> findByDedupKey(String dedupKey) {
        if (dedupKey == null) {
            return Optional.empty();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM messages WHERE dedup_key = ?", ROW, dedupKey)
                .stream().findFirst();
    }

    public Optional<StoredMessage> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM messages WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The message with its whole trace. */
    public Optional<StoredMessage> findWithHops(long id) {
        return find(id).map(m -> new StoredMessage(m.id(), m.connector(), m.protocol(), m.sendingApp(),
                m.sendingFacility(), m.receivingApp(), m.receivingFacility(), m.controlId(), m.messageType(),
                m.version(), m.charset(), m.status(), m.reason(), m.queue(), m.msgid(), m.raw(), m.ack(), m.ackCode(),
                m.receivedAt(), m.updatedAt(), hops(id)));
    }

    public List<StoredMessage.Hop> hops(long id) {
        return jdbc.query("SELECT at, hop, detail FROM message_hops WHERE message_id = ? ORDER BY id",
                (rs, n) -> new StoredMessage.Hop(time(rs, "at"), rs.getString("hop"), rs.getString("detail")), id);
    }

    /** Moves a message to a new status, recording why, and (when given) the answer the sender got. */
    @Transactional
    public void updateStatus(long id, MessageStatus status, String reason, String ack, String ackCode) {
        jdbc.update("UPDATE messages SET status = ?, reason = ?, ack = COALESCE(?, ack), "
                        + "ack_code = COALESCE(?, ack_code), updated_at = ? WHERE id = ?",
                status.name(), trim(reason, 4000), ack, ackCode, Timestamp.from(java.time.Instant.now()), id);
        appendHop(id, status.name().toLowerCase(), reason);
    }

    /**
     * As {@link #updateStatus}, unless another delivery of the message finished it first (PROCESSED or REJECTED,
     * with its answer): one conditional statement, so no delivery can slip in between a check and the write.
     * False when the message was finished already (nothing written).
     */
    @Transactional
    public boolean updateStatusUnlessFinished(long id, MessageStatus status, String reason, String ack,
                                              String ackCode) {
        int changed = jdbc.update("UPDATE messages SET status = ?, reason = ?, ack = COALESCE(?, ack), "
                        + "ack_code = COALESCE(?, ack_code), updated_at = ? WHERE id = ? "
                        + "AND NOT (status IN ('PROCESSED', 'REJECTED') AND ack IS NOT NULL)",
                status.name(), trim(reason, 4000), ack, ackCode, Timestamp.from(java.time.Instant.now()), id);
        if (changed == 1) {
            appendHop(id, status.name().toLowerCase(), reason);
        }
        return changed == 1;
    }

    /**
     * Records the enqueue and the front door's AA; a consumer that already finished the message (an InOnly queue
     * is fast) keeps its status and final ACK.
     */
    @Transactional
    public void markQueued(long id, String queue, String ack, String ackCode) {
        jdbc.update("UPDATE messages SET queue = ?, status = CASE WHEN status = 'RECEIVED' THEN ? ELSE status END, "
                        + "ack = CASE WHEN status = 'RECEIVED' THEN ? ELSE ack END, "
                        + "ack_code = CASE WHEN status = 'RECEIVED' THEN ? ELSE ack_code END, updated_at = ? WHERE id = ?",
                queue, MessageStatus.QUEUED.name(), ack, ackCode, Timestamp.from(java.time.Instant.now()), id);
        appendHop(id, "queued", queue);
    }

    /**
     * A failed message gives its dedup key back, so that the HIS's resend is taken as new. Unless its processing
     * finished meanwhile (a send reported failed had reached the broker after all): then its result stands and
     * the HIS's resend gets it.
     */
    @Transactional
    public void markFailed(long id, String reason, String ack, String ackCode) {
        int changed = jdbc.update("UPDATE messages SET status = ?, reason = ?, ack = COALESCE(?, ack), "
                        + "ack_code = COALESCE(?, ack_code), dedup_key = NULL, updated_at = ? WHERE id = ? "
                        + "AND NOT (status IN ('PROCESSED', 'REJECTED') AND ack IS NOT NULL)",
                MessageStatus.FAILED.name(), trim(reason, 4000), ack, ackCode,
                Timestamp.from(java.time.Instant.now()), id);
        appendHop(id, changed == 1 ? "failed" : "failed-ignored", changed == 1 ? reason
                : "processed meanwhile; its result stands: " + reason);
    }

    /**
     * Records "pending" as the answer of a message whose processing has not finished; false when it finished in
     * the meantime (its own final answer stands).
     */
    @Transactional
    public boolean markPendingIfUnfinished(long id, String pendingAck) {
        int changed = jdbc.update("UPDATE messages SET status = ?, ack = ?, ack_code = ?, reason = ?, updated_at = ? "
                        + "WHERE id = ? AND status IN ('RECEIVED', 'QUEUED', 'PROCESSING', 'PENDING')",
                MessageStatus.PENDING.name(), pendingAck, "AE", "no result within the HIS reply timeout",
                Timestamp.from(java.time.Instant.now()), id);
        if (changed == 1) {
            appendHop(id, "pending", "no result within the HIS reply timeout");
        }
        return changed == 1;
    }

    /**
     * Claims a message that was stored but never handed on (its process died between the store and the queue):
     * still RECEIVED, no answer, untouched since {@code untouchedSince}. True for exactly one caller.
     */
    @Transactional
    public boolean claimOrphan(long id, OffsetDateTime untouchedSince) {
        int changed = jdbc.update("UPDATE messages SET updated_at = ? WHERE id = ? AND status = 'RECEIVED' "
                        + "AND ack IS NULL AND updated_at < ?",
                Timestamp.from(java.time.Instant.now()), id, Timestamp.from(untouchedSince.toInstant()));
        if (changed == 1) {
            appendHop(id, "recovered", "stored but never handed on (process stopped?): the HIS's resend re-drives it");
        }
        return changed == 1;
    }

    public void setMsgid(long id, String msgid) {
        jdbc.update("UPDATE messages SET msgid = ? WHERE id = ?", msgid, id);
    }

    public void appendHop(long id, String hop, String detail) {
        jdbc.update("INSERT INTO message_hops (message_id, at, hop, detail) VALUES (?,?,?,?)",
                id, Timestamp.from(java.time.Instant.now()), hop, trim(detail, 4000));
    }

    public List<StoredMessage> search(MessageQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM messages WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        if (q.messageType() != null) {
            sql.append(" AND message_type = ?");
            args.add(q.messageType());
        }
        if (q.sender() != null) {
            sql.append(" AND (sending_facility = ? OR sending_app = ?)");
            args.add(q.sender());
            args.add(q.sender());
        }
        if (q.controlId() != null) {
            sql.append(" AND control_id = ?");
            args.add(q.controlId());
        }
        if (q.from() != null) {
            sql.append(" AND received_at >= ?");
            args.add(Timestamp.from(q.from().toInstant()));
        }
        if (q.to() != null) {
            sql.append(" AND received_at < ?");
            args.add(Timestamp.from(q.to().toInstant()));
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(q.size());
        args.add((long) q.page() * q.size());
        return jdbc.query(sql.toString(), ROW, args.toArray());
    }

    public long count(MessageStatus status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM messages WHERE status = ?", Long.class, status.name());
        return n == null ? 0 : n;
    }

    private static final RowMapper<StoredMessage> ROW = (rs, n) -> new StoredMessage(rs.getLong("id"),
            rs.getString("connector"), rs.getString("protocol"), rs.getString("sending_app"),
            rs.getString("sending_facility"), rs.getString("receiving_app"), rs.getString("receiving_facility"),
            rs.getString("control_id"), rs.getString("message_type"), rs.getString("hl7_version"),
            rs.getString("charset"), MessageStatus.valueOf(rs.getString("status")), rs.getString("reason"),
            rs.getString("queue"), rs.getString("msgid"), rs.getString("raw"), rs.getString("ack"),
            rs.getString("ack_code"), time(rs, "received_at"), time(rs, "updated_at"), List.of());

    private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
