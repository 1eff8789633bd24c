package io.insurebridge.mapping;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Bookkeeping of unmapped local codes (tables of V2__mapping_gaps.sql). Plain SQL that H2 (PostgreSQL mode) and
 * PostgreSQL both accept; concurrent first sightings of a code are settled by the unique constraint.
 */
@Repository
public class MappingGapStore {
    private static final String GAP_COLUMNS =
            "id, institution_code, kind, local_code, occurrences, first_seen, last_seen";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    public MappingGapStore(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    public MappingGapStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records that a message (messages.id) is held for these codes; returns the gap ids involved. */
    public List<Long> record(String institutionCode, long messageId, List<UnmappedCode> codes) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        Set<String> seen = new LinkedHashSet<>();
        List<Long> gapIds = new ArrayList<>();
        for (UnmappedCode code : codes) {
            if (!seen.add(code.kind() + "\u0000" + code.localCode())) {
                continue; // the same code twice in one message is one occurrence
            }
            long gapId = gapId(institutionCode, code.kind(), code.localCode(), now);
            gapIds.add(gapId);
            boolean newLink = link(gapId, messageId);
            jdbc.update(newLink
                    ? "UPDATE mapping_gaps SET occurrences = occurrences + 1, last_seen = ? WHERE id = ?"
                    : "UPDATE mapping_gaps SET last_seen = ? WHERE id = ?", now, gapId);
        }
        return gapIds;
    }

    public List<MappingGap> list() {
        return withMessages(jdbc.query("SELECT " + GAP_COLUMNS + " FROM mapping_gaps ORDER BY last_seen DESC, id DESC",
                MappingGapStore::gapRow));
    }

    public Optional<MappingGap> find(long id) {
        return withMessages(jdbc.query("SELECT " + GAP_COLUMNS + " FROM mapping_gaps WHERE id = ?",
                MappingGapStore::gapRow, id)).stream().findFirst();
    }

    /** The message no longer waits for this gap (it was reprocessed successfully). */
    public void release(long gapId, long messageId) {
        jdbc.update("DELETE FROM mapping_gap_messages WHERE gap_id = ? AND message_id = ?", gapId, messageId);
    }

    private long gapId(String institution, UnmappedCode.Kind kind, String localCode, OffsetDateTime now) {
        Optional<Long> existing = findId(institution, kind, localCode);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            KeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement("INSERT INTO mapping_gaps (institution_code, kind, "
                        + "local_code, occurrences, first_seen, last_seen) VALUES (?, ?, ?, 0, ?, ?)",
                        new String[] {"id"});
                ps.setString(1, institution);
                ps.setString(2, kind.name());
                ps.setString(3, localCode);
                ps.setObject(4, now);
                ps.setObject(5, now);
                return ps;
            }, keys);
            return keys.getKey().longValue();
        } catch (DuplicateKeyException raced) {
            return findId(institution, kind, localCode).orElseThrow(() -> raced);
        }
    }

    private Optional<Long> findId(String institution, UnmappedCode.Kind kind, String localCode) {
        return jdbc.query("SELECT id FROM mapping_gaps WHERE institution_code = ? AND kind = ? AND local_code = ?",
                (rs, i) -> rs.getLong(1), institution, kind.name(), localCode).stream().findFirst();
    }

    /** True when this message was not yet held for this gap. */
    private boolean link(long gapId, long messageId) {
        try {
            return jdbc.update("INSERT INTO mapping_gap_messages (gap_id, message_id) "
                    + "SELECT CAST(? AS BIGINT), CAST(? AS BIGINT) WHERE NOT EXISTS "
                    + "(SELECT 1 FROM mapping_gap_messages WHERE gap_id = ? AND message_id = ?)",
                    gapId, messageId, gapId, messageId) == 1;
        } catch (DuplicateKeyException raced) {
            return false;
        }
    }

    private List<MappingGap> withMessages(List<MappingGap> gaps) {
        if (gaps.isEmpty()) {
            return gaps;
        }
        Map<Long, List<Long>> held = new HashMap<>();
        String sql = gaps.size() == 1
                ? "SELECT gap_id, message_id FROM mapping_gap_messages WHERE gap_id = " + gaps.get(0).id()
                        + " ORDER BY message_id"
                : "SELECT gap_id, message_id FROM mapping_gap_messages ORDER BY message_id";
        jdbc.query(sql, rs -> {
            held.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
        });
        return gaps.stream().map(g -> new MappingGap(g.id(), g.institutionCode(), g.kind(), g.localCode(),
                g.occurrences(), g.firstSeen(), g.lastSeen(), List.copyOf(held.getOrDefault(g.id(), List.of()))))
                .toList();
    }

    private static MappingGap gapRow(ResultSet rs, int row) throws SQLException {
        return new MappingGap(rs.getLong("id"), rs.getString("institution_code"),
                UnmappedCode.Kind.valueOf(rs.getString("kind")), rs.getString("local_code"),
                rs.getLong("occurrences"), rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                rs.getObject("last_seen", OffsetDateTime.class).toInstant(), List.of());
    }
}
