package io.insurebridge.crossregion;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** crossregion_request and crossregion_person (V10__crossregion.sql). */
@Repository
public class CrossRegionStore {
    public static final String WAITING = "WAITING";
    public static final String ANSWERED = "ANSWERED";

    private final JdbcTemplate jdbc;

    public CrossRegionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Request(String msgid, String infno, String peerAdmdvs, String mdtrtId, String request,
                          String status, String answer) {}

    public record RemotePerson(String psnNo, String insuplcAdmdvs, String evoucherToken, String personInfo) {}

    public Optional<Request> request(String msgid) {
        return jdbc.query("SELECT msgid, infno, peer_admdvs, mdtrt_id, request, status, answer FROM crossregion_request "
                        + "WHERE msgid = ?", (rs, i) -> new Request(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)), msgid)
                .stream().findFirst();
    }

    /** true when this call created the row. */
    public boolean insertIfAbsent(String msgid, String infno, String peer, String mdtrtId, String envelope,
                                  OffsetDateTime at) {
        return jdbc.update("INSERT INTO crossregion_request (msgid, infno, peer_admdvs, mdtrt_id, request, status, "
                + "sent_at) VALUES (?, ?, ?, ?, ?, 'WAITING', ?) ON CONFLICT DO NOTHING", msgid, infno, peer, mdtrtId,
                envelope, at) == 1;
    }

    /** Records the peer's first answer; false when the msgid is unknown or already answered. */
    public boolean answer(String msgid, String answer, OffsetDateTime at) {
        return jdbc.update("UPDATE crossregion_request SET answer = ?, status = 'ANSWERED', answered_at = ? "
                + "WHERE msgid = ? AND answer IS NULL", answer, at, msgid) == 1;
    }

    /** msgid of a settlement (2207) of this visit still waiting for the insured place. */
    public Optional<String> waitingSettlement(String mdtrtId) {
        return jdbc.queryForList("SELECT msgid FROM crossregion_request WHERE mdtrt_id = ? AND status = 'WAITING' "
                + "AND infno = '2207'", String.class, mdtrtId).stream().findFirst();
    }

    /** msgid of a cancellation / reversal (2208, 2601) of this visit still waiting for the insured place. */
    public Optional<String> waitingReversal(String mdtrtId) {
        return jdbc.queryForList("SELECT msgid FROM crossregion_request WHERE mdtrt_id = ? AND status = 'WAITING' "
                + "AND infno IN ('2208', '2601')", String.class, mdtrtId).stream().findFirst();
    }

    /** Requests still waiting, per peer (backlog shown in health). */
    public int waiting(String peerAdmdvs) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM crossregion_request WHERE peer_admdvs = ? "
                + "AND status = 'WAITING'", Integer.class, peerAdmdvs);
        return n == null ? 0 : n;
    }

    public void savePerson(RemotePerson p, OffsetDateTime at) {
        if (jdbc.update("UPDATE crossregion_person SET insuplc_admdvs = ?, evoucher_token = COALESCE(?, evoucher_token), "
                + "person_info = ?, updated_at = ? WHERE psn_no = ?", p.insuplcAdmdvs(), p.evoucherToken(),
                p.personInfo(), at, p.psnNo()) == 0) {
            jdbc.update("INSERT INTO crossregion_person (psn_no, insuplc_admdvs, evoucher_token, person_info, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", p.psnNo(), p.insuplcAdmdvs(),
                    p.evoucherToken(), p.personInfo(), at);
        }
    }

    public List<RemotePerson> persons() {
        return jdbc.query("SELECT psn_no, insuplc_admdvs, evoucher_token, person_info FROM crossregion_person",
                (rs, i) -> new RemotePerson(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
    }
}
