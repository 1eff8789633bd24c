package io.insurebridge.settlement.state;

import io.insurebridge.settlement.policy.ItemClassification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.HashSet;

/** Fee details uploaded per visit (2204), as classified; a settlement takes the unsettled ones. */
@Repository
public class FeeDetails {
    public static final String ALL_BATCHES = "0000";

    private static final RowMapper<ItemClassification> ROW = (rs, i) -> new ItemClassification(
            rs.getString("feedetl_sn"), rs.getString("med_list_codg"), rs.getBigDecimal("det_item_fee_sumamt"),
            rs.getBigDecimal("cnt"), rs.getBigDecimal("pric"), rs.getBigDecimal("pric_uplmt_amt"),
            rs.getBigDecimal("selfpay_prop"), rs.getBigDecimal("fulamt_ownpay_amt"), rs.getBigDecimal("overlmt_amt"),
            rs.getBigDecimal("preselfpay_amt"), rs.getBigDecimal("inscp_scp_amt"), rs.getString("chrgitm_lv"),
            rs.getString("med_chrgitm_type"), rs.getString("memo"));

    private final JdbcTemplate jdbc;

    public FeeDetails(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Set<String> serialNumbers(String mdtrtId) {
        return new HashSet<>(jdbc.queryForList("SELECT feedetl_sn FROM node_fee_detail WHERE mdtrt_id = ?",
                String.class, mdtrtId));
    }

    public void insert(String mdtrtId, String chrgBchno, String medinsListCodg, ItemClassification item,
                       String msgid, OffsetDateTime now) {
        jdbc.update("INSERT INTO node_fee_detail (mdtrt_id, feedetl_sn, chrg_bchno, med_list_codg, medins_list_codg, "
                        + "cnt, pric, det_item_fee_sumamt, pric_uplmt_amt, selfpay_prop, fulamt_ownpay_amt, "
                        + "overlmt_amt, preselfpay_amt, inscp_scp_amt, chrgitm_lv, med_chrgitm_type, memo, "
                        + "upload_msgid, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                mdtrtId, item.feedetlSn(), chrgBchno, item.medListCodg(), medinsListCodg, item.cnt(), item.pric(),
                item.detItemFeeSumamt(), item.pricUplmtAmt(), item.selfpayProp(), item.fulamtOwnpayAmt(),
                item.overlmtAmt(), item.preselfpayAmt(), item.inscpScpAmt(), item.chrgitmLv(),
                item.medChrgitmType(), item.memo(), msgid, now);
    }

    public List<ItemClassification> unsettled(String mdtrtId) {
        return jdbc.query("SELECT * FROM node_fee_detail WHERE mdtrt_id = ? AND setl_id IS NULL ORDER BY id",
                ROW, mdtrtId);
    }

    /** 2205: removes the batch's unsettled details ("0000" = all unsettled); returns how many. */
    public int deleteUnsettled(String mdtrtId, String chrgBchno) {
        if (chrgBchno == null || ALL_BATCHES.equals(chrgBchno)) {
            return jdbc.update("DELETE FROM node_fee_detail WHERE mdtrt_id = ? AND setl_id IS NULL", mdtrtId);
        }
        return jdbc.update("DELETE FROM node_fee_detail WHERE mdtrt_id = ? AND chrg_bchno = ? AND setl_id IS NULL",
                mdtrtId, chrgBchno);
    }

    public void markSettled(String mdtrtId, String setlId) {
        jdbc.update("UPDATE node_fee_detail SET setl_id = ? WHERE mdtrt_id = ? AND setl_id IS NULL", setlId, mdtrtId);
    }

    /** A cancelled settlement gives its details back to the visit, so it can be settled again. */
    public void release(String setlId) {
        jdbc.update("UPDATE node_fee_detail SET setl_id = NULL WHERE setl_id = ?", setlId);
    }
}
