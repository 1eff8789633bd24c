package io.insurebridge.settlement.state;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** node_drug_settlement: at most one drug settlement per prescription, with the answer it got. */
@Repository
public class DrugSettlements {

    private final JdbcTemplate jdbc;

    public DrugSettlements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(String hiRxno, String setlId, String pharmacyCode, String msgid, String output,
                       OffsetDateTime at) {
        jdbc.update("INSERT INTO node_drug_settlement (hi_rxno, setl_id, phar_code, msgid, output, settled_at) "
                + "VALUES (?,?,?,?,?,?)", hiRxno, setlId, pharmacyCode, msgid, output, at);
    }

    /** The stored answer (setlinfo, setldetail, result) of the prescription's drug settlement, if settled. */
    public Optional<String> output(String hiRxno) {
        List<String> rows = jdbc.queryForList("SELECT output FROM node_drug_settlement WHERE hi_rxno = ?",
                String.class, hiRxno);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
