package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * Writes the node's events to the outbox inside the request's transaction: a settlement (2207, or 2102 of a
 * pharmacy's dispensed drugs), a cancellation
 * (2208, or 2601 that reversed a settlement) and a rejection (infcode -1 of 2201/2204/2206/2207). A rolled-back
 * request writes nothing; a repeated msgid never reaches the hooks, so every event is written once.
 * Event JSON: docs/fanout.md.
 */
@Component
@Order(100)
public class NodeEvents implements NodeHook {
    static final Set<String> REJECTION_INFNOS = Set.of("2201", "2204", "2206", "2207");
    private static final String[] AMOUNTS = {"medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "pool_prop_selfpay", "hifmi_pay", "maf_pay",
            "fund_pay_sumamt", "psn_part_amt", "acct_pay", "psn_cash_pay"};

    private final Outbox outbox;
    private final Visits visits;
    private final JdbcTemplate jdbc;
    private final FollowUp followUp;

    public NodeEvents(Outbox outbox, Visits visits, JdbcTemplate jdbc, FollowUp followUp) {
        this.outbox = outbox;
        this.visits = visits;
        this.jdbc = jdbc;
        this.followUp = followUp;
    }

    @Override
    public void answered(NodeCall call, NodeTransaction.Outcome outcome) {
        JsonNode setlinfo = outcome.output() == null ? null : outcome.output().get("setlinfo");
        if (setlinfo == null || setlinfo.isNull()) {
            return;
        }
        // 2102: the drugs a designated pharmacy dispensed, settled with the pharmacy (its code is fixmedins_code)
        boolean pharmacy = "2102".equals(call.infno());
        boolean settlement = "2207".equals(call.infno()) || pharmacy;
        boolean cancellation = "2208".equals(call.infno()) || "2601".equals(call.infno());
        if (!settlement && !cancellation) {
            return;
        }
        String type = settlement ? EventType.SETTLEMENT : EventType.CANCELLATION;
        String setlId = setlinfo.path("setl_id").asText();
        ObjectNode event = header(type, type + "-" + setlId, call);
        String mdtrtId = setlinfo.path("mdtrt_id").asText(null);
        event.put("setl_id", setlId);
        if (cancellation) {
            event.put("orig_setl_id", setlinfo.path("orig_setl_id").asText(null));
        }
        event.put("setl_time", setlinfo.path("setl_time").asText(null));
        event.put("psn_no", setlinfo.path("psn_no").asText(null));
        event.put("insutype", setlinfo.path("insutype").asText(null));
        event.put("med_type", setlinfo.path("med_type").asText(null));
        event.put("gend", setlinfo.path("gend").asText(null));
        if (setlinfo.has("age")) {
            event.put("age", setlinfo.get("age").asInt());
        }
        if (pharmacy) {
            event.put("mdtrt_id", mdtrtId);   // the prescribing visit; the settling party stays the pharmacy
            event.put("pharmacy", true);
        } else {
            visit(event, call, mdtrtId);
        }
        ObjectNode amounts = event.putObject("amounts");
        for (String field : AMOUNTS) {
            if (setlinfo.has(field)) {
                amounts.set(field, setlinfo.get(field));
            }
        }
        ArrayNode funds = event.putArray("funds");
        for (JsonNode row : outcome.output().path("setldetail")) {
            funds.addObject().put("fund_pay_type", row.path("fund_pay_type").asText())
                    .set("fund_payamt", row.get("fund_payamt"));
        }
        if (settlement) {
            details(event.putArray("details"), setlId);
        }
        if (outcome.warning() != null) {
            event.put("warn_msg", outcome.warning());
        }
        outbox.add(event.get("event_id").asText(), type, NodeJson.write(event));
    }

    @Override
    public void refused(NodeCall call, String message) {
        if (!REJECTION_INFNOS.contains(call.infno())) {
            return;
        }
        ObjectNode event = header(EventType.REJECTION, EventType.REJECTION + "-" + call.msgid(), call);
        JsonNode data = call.data();
        String mdtrtId = NodeCall.text(data, "mdtrt_id");
        JsonNode firstFee = call.input().path("feedetail").path(0);
        if (mdtrtId == null && firstFee.isObject()) {
            mdtrtId = NodeCall.text(firstFee, "mdtrt_id");
        }
        String psnNo = NodeCall.text(data, "psn_no");
        event.put("psn_no", psnNo != null ? psnNo : firstFee.isObject() ? NodeCall.text(firstFee, "psn_no") : null);
        if (mdtrtId != null) {
            visit(event, call, mdtrtId);
        }
        event.put("err_msg", message);
        outbox.add(event.get("event_id").asText(), EventType.REJECTION, NodeJson.write(event));
    }

    private static ObjectNode header(String type, String eventId, NodeCall call) {
        ObjectNode event = NodeJson.object();
        event.put("event_id", eventId);
        event.put("event_type", type);
        event.put("occurred_at", call.receivedAt().toString());
        event.put("infno", call.infno());
        event.put("msgid", call.msgid());
        event.put("fixmedins_code", call.request().fixmedins_code());
        return event;
    }

    private void visit(ObjectNode event, NodeCall call, String mdtrtId) {
        event.put("mdtrt_id", mdtrtId);
        Optional<VisitRecord> found = mdtrtId == null ? Optional.empty() : visits.find(mdtrtId);
        found.ifPresent(v -> {
            event.put("fixmedins_code", v.fixmedinsCode());
            event.put("atddr_no", v.atddrNo());
            event.put("online", v.internet());
            event.put("follow_up", !v.internet() || followUp.isFollowUp(call.mappings(), v));
            if (!event.has("psn_no") || event.get("psn_no").isNull()) {
                event.put("psn_no", v.psnNo());
            }
        });
    }

    private void details(ArrayNode out, String setlId) {
        jdbc.query("SELECT feedetl_sn, med_list_codg, cnt, pric, det_item_fee_sumamt, pric_uplmt_amt, overlmt_amt, "
                + "chrgitm_lv FROM node_fee_detail WHERE setl_id = ? ORDER BY id", rs -> {
            ObjectNode d = out.addObject();
            d.put("feedetl_sn", rs.getString(1));
            d.put("med_list_codg", rs.getString(2));
            d.put("cnt", rs.getBigDecimal(3));
            d.put("pric", rs.getBigDecimal(4));
            d.put("det_item_fee_sumamt", rs.getBigDecimal(5));
            d.put("pric_uplmt_amt", rs.getBigDecimal(6));
            d.put("overlmt_amt", rs.getBigDecimal(7));
            d.put("chrgitm_lv", rs.getString(8));
        }, setlId);
    }
}
