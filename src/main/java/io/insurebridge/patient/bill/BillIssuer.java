package io.insurebridge.patient.bill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the electronic bill of a settlement from the settlement's own answer (setlinfo, setldetail) and the fee
 * lines it settled, so the bill's figures are the settlement's figures; and the red-letter bill that voids it.
 */
public class BillIssuer {
    static final String BLUE = "BLUE";
    static final String RED = "RED";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FUND_FIELDS = {"hifp_pay", "hifmi_pay", "maf_pay", "acct_pay", "psn_cash_pay"};

    private final JdbcTemplate jdbc;
    private final BillStore store;
    private final VerificationCodes codes;

    public BillIssuer(JdbcTemplate jdbc, BillStore store, VerificationCodes codes) {
        this.jdbc = jdbc;
        this.store = store;
        this.codes = codes;
    }

    /** The bill of a committed 2207 (inside its transaction). */
    public BillStore.StoredBill issue(JsonNode setlinfo, String fixmedinsCode, MappingSnapshot mappings,
                                      OffsetDateTime at) {
        String setlId = setlinfo.path("setl_id").asText();
        String billNo = "EB" + setlId;
        ObjectNode bill = JSON.createObjectNode();
        bill.put("bill_no", billNo);
        bill.put("kind", BLUE);
        bill.put("status", "ISSUED");
        bill.put("title", "医疗保险结算电子票据");
        bill.put("setl_id", setlId);
        bill.put("mdtrt_id", setlinfo.path("mdtrt_id").asText());
        bill.put("setl_time", setlinfo.path("setl_time").asText());
        bill.put("med_type", setlinfo.path("med_type").asText());
        ObjectNode institution = bill.putObject("institution");
        institution.put("code", fixmedinsCode);
        institution.put("name", mappings.institution(fixmedinsCode).map(Institution::name).orElse(fixmedinsCode));
        String psnNo = setlinfo.path("psn_no").asText();
        ObjectNode person = bill.putObject("person");
        person.put("psn_no", Masking.keepEnds(psnNo, 4, 4));
        person.put("name", Masking.name(mappings.person(psnNo).map(InsuredPerson::name)
                .orElse(setlinfo.path("psn_name").asText())));
        person.put("certno", Masking.keepEnds(setlinfo.path("certno").asText(), 6, 4));
        person.put("insutype", setlinfo.path("insutype").asText());
        bill.set("items", items(setlId, mappings));
        bill.put("medfee_sumamt", money(setlinfo, "medfee_sumamt"));
        ObjectNode funds = bill.putObject("funds");
        for (String f : FUND_FIELDS) {
            ObjectNode row = funds.putObject(f);
            row.put("name", ChargeTypes.FUNDS.get(f));
            row.put("amount", money(setlinfo, f));
        }
        bill.put("fund_pay_sumamt", money(setlinfo, "fund_pay_sumamt"));
        bill.put("psn_part_amt", money(setlinfo, "psn_part_amt"));
        bill.put("issued_at", at.toString());
        String code = codes.code(billNo, setlId, bill.path("medfee_sumamt").asText(),
                funds.path("psn_cash_pay").path("amount").asText(), bill.path("issued_at").asText());
        bill.put("verification_code", code);
        BillStore.StoredBill stored = new BillStore.StoredBill(billNo, BLUE, setlId, null, "ISSUED", fixmedinsCode,
                psnNo, bill.path("mdtrt_id").asText(), code, bill.toString());
        store.insert(stored, at);
        return stored;
    }

    /**
     * The red-letter bill of a cancelled settlement (2208, or 2601 of a committed 2207): every amount negated,
     * pointing at the bill it voids, which is marked VOIDED. Nothing happens for a settlement without a bill.
     */
    public void voidFor(String origSetlId, String cancelSetlId, OffsetDateTime at) {
        store.blueOf(origSetlId).filter(b -> !"VOIDED".equals(b.status())).ifPresent(blue -> {
            try {
                ObjectNode original = (ObjectNode) JSON.readTree(blue.json());
                ObjectNode red = original.deepCopy();
                String billNo = "RB" + origSetlId;
                red.put("bill_no", billNo);
                red.put("kind", RED);
                red.put("status", "ISSUED");
                red.put("title", "医疗保险结算电子票据（红字）");
                red.put("original_bill_no", blue.billNo());
                red.put("cancel_setl_id", cancelSetlId);
                negate(red);
                red.put("issued_at", at.toString());
                String code = codes.code(billNo, origSetlId, red.path("medfee_sumamt").asText(),
                        red.path("funds").path("psn_cash_pay").path("amount").asText(), red.path("issued_at").asText());
                red.put("verification_code", code);
                store.insert(new BillStore.StoredBill(billNo, RED, origSetlId, blue.billNo(), "ISSUED",
                        blue.fixmedinsCode(), blue.psnNo(), blue.mdtrtId(), code, red.toString()), at);
                original.put("status", "VOIDED");
                original.put("voided_by", billNo);
                store.voidBlue(blue.billNo(), original.toString());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored bill " + blue.billNo() + " is unreadable", e);
            }
        });
    }

    /** Fee lines of the settlement grouped by charge type (in code order), each group with its total. */
    private ArrayNode items(String setlId, MappingSnapshot mappings) {
        List<Map<String, Object>> lines = jdbc.queryForList("SELECT med_list_codg, cnt, pric, det_item_fee_sumamt, "
                + "chrgitm_lv, med_chrgitm_type FROM node_fee_detail WHERE setl_id = ? ORDER BY med_chrgitm_type, id",
                setlId);
        Map<String, ObjectNode> groups = new LinkedHashMap<>();
        ArrayNode items = JSON.createArrayNode();
        for (Map<String, Object> line : lines) {
            String type = (String) line.get("med_chrgitm_type");
            ObjectNode group = groups.computeIfAbsent(type == null ? "14" : type, t -> {
                ObjectNode g = items.addObject();
                g.put("med_chrgitm_type", t);
                g.put("name", ChargeTypes.name(t));
                g.put("amount", "0.00");
                g.putArray("lines");
                return g;
            });
            String code = (String) line.get("med_list_codg");
            BigDecimal amount = ((BigDecimal) line.get("det_item_fee_sumamt")).setScale(2, RoundingMode.HALF_UP);
            ObjectNode row = ((ArrayNode) group.get("lines")).addObject();
            row.put("code", code);
            row.put("name", mappings.catalogItem(code).map(CatalogItem::name).orElse(code));
            row.put("cnt", ((BigDecimal) line.get("cnt")).stripTrailingZeros().toPlainString());
            row.put("pric", ((BigDecimal) line.get("pric")).setScale(2, RoundingMode.HALF_UP).toPlainString());
            row.put("amount", amount.toPlainString());
            row.put("chrgitm_lv", (String) line.get("chrgitm_lv"));
            group.put("amount", new BigDecimal(group.get("amount").asText()).add(amount).toPlainString());
        }
        return items;
    }

    private static void negate(ObjectNode red) {
        for (String f : List.of("medfee_sumamt", "fund_pay_sumamt", "psn_part_amt")) {
            red.put(f, neg(red.path(f).asText()));
        }
        red.path("funds").forEach(f -> ((ObjectNode) f).put("amount", neg(f.path("amount").asText())));
        red.path("items").forEach(g -> {
            ((ObjectNode) g).put("amount", neg(g.path("amount").asText()));
            g.path("lines").forEach(l -> ((ObjectNode) l).put("amount", neg(l.path("amount").asText())));
        });
    }

    private static String neg(String amount) {
        return new BigDecimal(amount).negate().setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String money(JsonNode node, String field) {
        JsonNode v = node.get(field);
        BigDecimal d = v == null || v.isNull() ? BigDecimal.ZERO : new BigDecimal(v.asText());
        return d.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
