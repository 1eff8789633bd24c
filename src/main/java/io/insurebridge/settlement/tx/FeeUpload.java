package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.FeeDetailInput;
import io.insurebridge.settlement.policy.ItemClassification;
import io.insurebridge.settlement.policy.PolicyEngine;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.FeeDetails;
import io.insurebridge.settlement.state.VisitRecord;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.*;

/**
 * 2204 fee detail upload: classifies every line with the care place's catalog. The batch is all or nothing: one
 * refused line (unknown item, line total off by more than 0.01, repeated feedetl_sn) refuses the batch, naming
 * the lines, so the HIS corrects and resends it.
 */
@Component
public class FeeUpload implements NodeTransaction {
    private final PersonLocks locks;
    private final FeeDetails fees;
    private final PolicyEngine engine;

    public FeeUpload(PersonLocks locks, FeeDetails fees, PolicyEngine engine) {
        this.locks = locks;
        this.fees = fees;
        this.engine = engine;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2204");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode lines = call.input().get("feedetail");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw new PolicyRefusal("Missing input.feedetail[]");
        }
        String mdtrtId = NodeCall.required(lines.get(0), "mdtrt_id", "input.feedetail[0]");
        VisitRecord visit = locks.lockVisit(call, mdtrtId, NodeCall.text(lines.get(0), "psn_no")).visit();
        if (!VisitRecord.REGISTERED.equals(visit.status())) {
            throw new PolicyRefusal("Visit " + mdtrtId + " is " + visit.status().toLowerCase()
                    + (VisitRecord.SETTLED.equals(visit.status())
                    ? ": cancel the settlement (2208) before uploading more fees" : ": no fee upload"));
        }
        Set<String> known = fees.serialNumbers(mdtrtId);
        List<String> problems = new ArrayList<>();
        List<Line> accepted = new ArrayList<>();
        for (JsonNode line : lines) {
            try {
                accepted.add(classify(call.mappings(), visit, line, known));
            } catch (PolicyRefusal refusal) {
                problems.add(refusal.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyRefusal("Fee upload refused, nothing stored: " + String.join("; ", problems));
        }
        ObjectNode out = NodeJson.object();
        ArrayNode result = out.putArray("result");
        for (Line line : accepted) {
            fees.insert(mdtrtId, line.chrgBchno(), line.medinsListCodg(), line.item(), call.msgid(),
                    call.receivedAt());
            result.add(toWire(line.item()));
        }
        return Outcome.of(out);
    }

    private record Line(ItemClassification item, String chrgBchno, String medinsListCodg) {}

    private Line classify(MappingSnapshot mappings, VisitRecord visit, JsonNode line, Set<String> known) {
        String sn = NodeCall.text(line, "feedetl_sn");
        if (sn == null) {
            throw new PolicyRefusal("a fee item has no feedetl_sn");
        }
        if (!visit.mdtrtId().equals(NodeCall.text(line, "mdtrt_id"))) {
            throw new PolicyRefusal("Fee item " + sn + " belongs to another visit");
        }
        if (!known.add(sn)) {
            throw new PolicyRefusal("Fee item " + sn + " was already uploaded for this visit");
        }
        BigDecimal cnt = NodeCall.decimal(line, "cnt");
        BigDecimal pric = NodeCall.decimal(line, "pric");
        BigDecimal total = NodeCall.decimal(line, "det_item_fee_sumamt");
        if (cnt == null || pric == null || total == null || cnt.signum() <= 0 || pric.signum() < 0) {
            throw new PolicyRefusal("Fee item " + sn + ": cnt, pric and det_item_fee_sumamt must be numbers (cnt > 0)");
        }
        String national = NodeCall.text(line, "med_list_codg");
        String local = NodeCall.text(line, "medins_list_codg");
        Optional<CatalogItem> item = national == null ? Optional.empty() : mappings.catalogItem(national);
        if (item.isEmpty() && local != null) {
            item = mappings.resolveItem(visit.fixmedinsCode(), local);
        }
        CatalogItem catalogItem = item.orElseThrow(() -> new PolicyRefusal("Fee item " + sn + ": "
                + (national != null ? national : local) + " is not in the catalog of care area "
                + visit.mdtrtareaAdmvs()));
        ItemClassification classified = engine.classify(new FeeDetailInput(sn, total, cnt, pric), catalogItem);
        String batch = NodeCall.text(line, "chrg_bchno");
        return new Line(classified, batch == null ? "1" : batch, local);
    }

    static ObjectNode toWire(ItemClassification c) {
        ObjectNode row = NodeJson.object();
        row.put("feedetl_sn", c.feedetlSn());
        row.put("det_item_fee_sumamt", c.detItemFeeSumamt());
        row.put("cnt", c.cnt());
        row.put("pric", c.pric());
        row.put("pric_uplmt_amt", c.pricUplmtAmt());
        row.put("selfpay_prop", c.selfpayProp());
        row.put("fulamt_ownpay_amt", c.fulamtOwnpayAmt());
        row.put("overlmt_amt", c.overlmtAmt());
        row.put("preselfpay_amt", c.preselfpayAmt());
        row.put("inscp_scp_amt", c.inscpScpAmt());
        row.put("chrgitm_lv", c.chrgitmLv());
        row.put("med_chrgitm_type", c.medChrgitmType());
        row.put("memo", c.memo());
        return row;
    }
}
