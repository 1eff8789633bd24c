package io.insurebridge.patient.voucher;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Optional;

/** Which token was used for which purpose, by which msgid: the replay guard (primary key token + purpose). */
@Repository
public class VoucherUses {
    private final JdbcTemplate jdbc;

    public VoucherUses(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The msgid that already used the token for the purpose, if any. */
    public Optional<String> usedBy(String tokenId, VoucherPurpose purpose) {
        return jdbc.queryForList("SELECT msgid FROM patient_voucher_use WHERE token_id = ? AND purpose = ?",
                String.class, tokenId, purpose.name()).stream().findFirst();
    }

    /** Records the use; a concurrent copy fails on the primary key and its request is retried, then refused. */
    public void record(String tokenId, VoucherPurpose purpose, String psnNo, String msgid, String infno,
                       OffsetDateTime at) {
        jdbc.update("INSERT INTO patient_voucher_use (token_id, purpose, psn_no, msgid, infno, used_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", tokenId, purpose.name(), psnNo, msgid, infno, at);
    }
}
