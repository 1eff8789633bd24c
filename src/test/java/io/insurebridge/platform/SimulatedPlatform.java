package io.insurebridge.platform;

import static io.insurebridge.platform.JsonFields.decimal;
import static io.insurebridge.platform.JsonFields.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.MappingSnapshot;

/**
 * A small but faithful stand-in for the national platform: it checks envelopes, knows the demo persons and catalog,
 * keeps visits, fee lines, settlements and account balances, and answers in the platform's shape. Policy is
 * simplified to a flat 70 % pooled-fund ratio without deductible (the real computation is the node's).
 * On demand it refuses a transaction (infcode -1 + err_msg), never answers one (not processed) or loses the answer
 * of one (processed, but the caller times out), or adds a warning.
 */
public class SimulatedPlatform implements PlatformClient {

    private static final BigDecimal RATIO = new BigDecimal("0.70");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");

    private final MappingSnapshot world;
    private final List<PlatformRequest> received = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, String> warnings = new ConcurrentHashMap<>();
    private final Set<String> neverAnswered = ConcurrentHashMap.newKeySet();
    private final Set<String> answerLost = ConcurrentHashMap.newKeySet();
    private final Set<String> undeliverable = ConcurrentHashMap.newKeySet();
    private final Map<String, BigDecimal> balances = new ConcurrentHashMap<>();
    private final Map<String, SimVisit> visits = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> settlements = new ConcurrentHashMap<>();
    private final Map<String, PlatformRequest> processed = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();

    private static final class SimVisit {
        final String mdtrtId;
        final String psnNo;
        final String iptOtpNo;
        final Map<String, ObjectNode> unsettled = new LinkedHashMap<>();
        final Map<String, List<ObjectNode>> settledBySetlId = new LinkedHashMap<>();
        boolean cancelled;

        SimVisit(String mdtrtId, String psnNo, String iptOtpNo) {
            this.mdtrtId = mdtrtId;
            this.psnNo = psnNo;
            this.iptOtpNo = iptOtpNo;
        }
    }

    private final Map<String, PlatformResponse> answered = new java.util.HashMap<>();

    public SimulatedPlatform(MappingSnapshot world) {
        this.world = world;
        world.persons().values().forEach(p -> balances.put(p.psnNo(), p.acctBalance()));
    }

    public SimulatedPlatform refuseNext(String infno, String errMsg) { refusals.put(infno, errMsg); return this; }
    public SimulatedPlatform neverAnswer(String infno) { neverAnswered.add(infno); return this; }
    public SimulatedPlatform loseAnswerOf(String infno) { answerLost.add(infno); return this; }
    public SimulatedPlatform cannotDeliver(String infno) { undeliverable.add(infno); return this; }
    public SimulatedPlatform warnOn(String infno, String text) { warnings.put(infno, text); return this; }
    public void answerNormally() { neverAnswered.clear(); answerLost.clear(); undeliverable.clear(); }

    public List<PlatformRequest> received() { synchronized (received) { return List.copyOf(received); } }
    public List<String> infnos() { return received().stream().map(PlatformRequest::infno).toList(); }
    public BigDecimal balance(String psnNo) { return balances.get(psnNo); }
    public boolean settled(String setlId) { return settlements.containsKey(setlId); }

    /** What a client sees: an answer, or a timeout when the answer never comes. */
    @Override
    public PlatformResponse call(PlatformRequest request) {
        if (undeliverable.contains(request.infno())) {
            throw new PlatformUnavailableException(request.msgid(), "simulated: connection refused", null);
        }
        received.add(request);
        if (neverAnswered.contains(request.infno())) {
            throw new PlatformTimeoutException(request.msgid(), request.infno(), "simulated: no answer");
        }
        PlatformResponse response = answer(request);
        if (answerLost.contains(request.infno())) {
            throw new PlatformTimeoutException(request.msgid(), request.infno(), "simulated: answer lost");
        }
        return response;
    }

    /** What the platform does with one envelope (also used by the JMS and HTTP test responders). */
    public synchronized PlatformResponse answer(PlatformRequest request) {
        PlatformResponse earlier = answered.get(request.msgid());
        if (earlier != null) {
            return earlier;   // a repeated msgid is answered from the store, never done twice
        }
        PlatformResponse response = firstAnswer(request);
        answered.put(request.msgid(), response);
        return response;
    }

    private PlatformResponse firstAnswer(PlatformRequest request) {
        String envelopeError = envelopeError(request);
        if (envelopeError != null) {
            return failure(request, envelopeError);
        }
        String refusal = refusals.remove(request.infno());
        if (refusal != null) {
            return failure(request, refusal);
        }
        JsonNode data = request.input().path("data");
        try {
            ObjectNode output = switch (request.infno()) {
                case "1101" -> personInfo(data);
                case "2201" -> register(request, data);
                case "2202" -> cancelRegistration(data);
                case "2203" -> visitInfo(request.input().path("mdtrtinfo"));
                case "2204" -> uploadFees(request.input().path("feedetail"));
                case "2205" -> cancelFees(data);
                case "2206" -> settle(request, data, false);
                case "2207" -> settle(request, data, true);
                case "2208" -> cancelSettlement(data);
                case "2601" -> reverse(data);
                default -> throw new Refusal("unsupported infno " + request.infno());
            };
            processed.put(request.msgid(), request);
            return new PlatformResponse(PlatformResponse.SUCCESS, refMsgId(request), now(), now(), null,
                    warnings.get(request.infno()), null, null, output);
        } catch (Refusal e) {
            return failure(request, e.getMessage());
        }
    }

    // ------------------------------------------------------------------ transactions

    private ObjectNode personInfo(JsonNode data) {
        String certno = text(data, "certno");
        String certNo = text(data, "mdtrt_cert_no");
        InsuredPerson person = world.persons().values().stream()
                .filter(p -> p.certno().equals(certno) || p.certno().equals(certNo)
                        || p.evoucherToken().equals(certNo))
                .findFirst().orElseThrow(() -> new Refusal("未查询到该人员参保信息 (no insured person for that certificate)"));
        ObjectNode output = PlatformJson.object();
        ObjectNode baseinfo = output.putObject("baseinfo");
        baseinfo.put("psn_no", person.psnNo());
        baseinfo.put("psn_cert_type", "01");
        baseinfo.put("certno", person.certno());
        baseinfo.put("psn_name", person.name());
        baseinfo.put("gend", person.gend());
        baseinfo.put("naty", "01");
        baseinfo.put("brdy", PlatformFormats.date(person.brdy()));
        baseinfo.put("age", 2026 - person.brdy().getYear());
        ObjectNode insuinfo = output.putArray("insuinfo").addObject();
        insuinfo.put("insutype", person.insutype());
        insuinfo.put("psn_type", "11");
        insuinfo.put("psn_insu_stas", person.insuStatus());
        insuinfo.put("balc", balances.get(person.psnNo()));
        insuinfo.put("insuplc_admdvs", person.insuplcAdmdvs());
        insuinfo.put("psn_insu_date", "2010-01-01");
        insuinfo.putNull("paus_insu_date");
        insuinfo.put("cvlserv_flag", "0");
        insuinfo.put("emp_name", "Demo Employer");
        output.putArray("idetinfo");
        return output;
    }

    private ObjectNode register(PlatformRequest request, JsonNode data) {
        InsuredPerson person = world.person(text(data, "psn_no"))
                .orElseThrow(() -> new Refusal("unknown psn_no " + text(data, "psn_no")));
        if (!person.insuplcAdmdvs().equals(request.insuplc_admdvs())) {
            throw new Refusal("insuplc_admdvs " + request.insuplc_admdvs() + " is not the person's insured place");
        }
        if (!person.insutype().equals(text(data, "insutype"))) {
            throw new Refusal("the person has no insurance of type " + text(data, "insutype"));
        }
        String expContent = text(data, "exp_content");
        if (expContent != null) {
            PlatformJson.read(expContent, ObjectNode.class);   // must be a JSON string holding an object
        }
        String mdtrtId = request.mdtrtarea_admvs() + String.format("%010d", serial.incrementAndGet());
        visits.put(mdtrtId, new SimVisit(mdtrtId, person.psnNo(), text(data, "ipt_otp_no")));
        ObjectNode output = PlatformJson.object();
        ObjectNode out = output.putObject("data");
        out.put("mdtrt_id", mdtrtId);
        out.put("psn_no", person.psnNo());
        out.put("ipt_otp_no", text(data, "ipt_otp_no"));
        return output;
    }

    private ObjectNode cancelRegistration(JsonNode data) {
        SimVisit visit = visit(text(data, "mdtrt_id"));
        if (!visit.settledBySetlId.isEmpty()) {
            throw new Refusal("visit " + visit.mdtrtId + " has settlements");
        }
        visit.cancelled = true;
        return null;
    }

    private ObjectNode visitInfo(JsonNode mdtrtinfo) {
        SimVisit visit = visit(text(mdtrtinfo, "mdtrt_id"));
        if (text(mdtrtinfo, "dise_codg") == null) {
            throw new Refusal("mdtrtinfo.dise_codg is required");
        }
        if (!visit.psnNo.equals(text(mdtrtinfo, "psn_no"))) {
            throw new Refusal("psn_no does not match the visit");
        }
        return null;
    }

    private ObjectNode uploadFees(JsonNode feedetail) {
        ObjectNode output = PlatformJson.object();
        ArrayNode result = output.putArray("result");
        for (JsonNode line : feedetail) {
            SimVisit visit = visit(text(line, "mdtrt_id"));
            String sn = text(line, "feedetl_sn");
            if (visit.unsettled.containsKey(sn)) {
                throw new Refusal("feedetl_sn " + sn + " already uploaded");
            }
            CatalogItem item = world.catalogItem(text(line, "med_list_codg"))
                    .orElseThrow(() -> new Refusal("med_list_codg " + text(line, "med_list_codg") + " not in the catalog"));
            BigDecimal pric = decimal(line, "pric");
            BigDecimal cnt = decimal(line, "cnt");
            BigDecimal amt = round(pric.multiply(cnt));
            if (amt.subtract(decimal(line, "det_item_fee_sumamt")).abs().compareTo(new BigDecimal("0.01")) > 0) {
                throw new Refusal("feedetl_sn " + sn + ": det_item_fee_sumamt is not pric x cnt");
            }
            BigDecimal overlmt = pric.compareTo(item.priceCeiling()) > 0 && !"03".equals(item.listLevel())
                    ? round(pric.subtract(item.priceCeiling()).multiply(cnt)) : BigDecimal.ZERO.setScale(2);
            BigDecimal base = amt.subtract(overlmt);
            BigDecimal fulamt = BigDecimal.ZERO.setScale(2);
            BigDecimal preself = BigDecimal.ZERO.setScale(2);
            BigDecimal inscp;
            switch (item.listLevel()) {
                case "03" -> { fulamt = amt; inscp = BigDecimal.ZERO.setScale(2); }
                case "02" -> { preself = round(base.multiply(item.selfpayProp())); inscp = base.subtract(preself); }
                default -> inscp = base;
            }
            ObjectNode row = result.addObject();
            row.put("feedetl_sn", sn);
            row.put("det_item_fee_sumamt", amt);
            row.put("cnt", cnt);
            row.put("pric", pric);
            row.put("pric_uplmt_amt", item.priceCeiling());
            row.put("selfpay_prop", item.selfpayProp());
            row.put("fulamt_ownpay_amt", fulamt);
            row.put("overlmt_amt", overlmt);
            row.put("preselfpay_amt", preself);
            row.put("inscp_scp_amt", inscp);
            row.put("chrgitm_lv", item.listLevel());
            row.put("med_chrgitm_type", item.chargeType());
            row.put("memo", "");
            ObjectNode stored = row.deepCopy();
            stored.put("chrg_bchno", text(line, "chrg_bchno"));
            visit.unsettled.put(sn, stored);
        }
        return output;
    }

    private ObjectNode cancelFees(JsonNode data) {
        SimVisit visit = visit(text(data, "mdtrt_id"));
        String batch = text(data, "chrg_bchno");
        visit.unsettled.values().removeIf(line -> "0000".equals(batch) || batch.equals(text(line, "chrg_bchno")));
        return null;
    }

    private ObjectNode settle(PlatformRequest request, JsonNode data, boolean commit) {
        SimVisit visit = visit(text(data, "mdtrt_id"));
        String batch = text(data, "chrg_bchno");
        List<ObjectNode> lines = visit.unsettled.values().stream()
                .filter(line -> batch.equals(text(line, "chrg_bchno"))).toList();
        if (lines.isEmpty()) {
            throw new Refusal("no unsettled fees in batch " + batch);
        }
        BigDecimal medfee = sum(lines, "det_item_fee_sumamt");
        if (medfee.compareTo(decimal(data, "medfee_sumamt")) != 0) {
            throw new Refusal("medfee_sumamt " + decimal(data, "medfee_sumamt") + " differs from the uploaded fees " + medfee);
        }
        BigDecimal inscp = sum(lines, "inscp_scp_amt");
        if (commit && inscp.compareTo(decimal(data, "inscp_scp_amt")) != 0) {
            throw new Refusal("inscp_scp_amt differs from the uploaded fees");
        }
        InsuredPerson person = world.person(visit.psnNo).orElseThrow();
        BigDecimal hifp = round(inscp.multiply(RATIO));
        BigDecimal psnPart = medfee.subtract(hifp);
        BigDecimal balance = balances.get(person.psnNo());
        BigDecimal acctPay = "1".equals(text(data, "acct_used_flag")) ? balance.min(psnPart) : BigDecimal.ZERO.setScale(2);
        String setlId = "S" + request.mdtrtarea_admvs() + String.format("%010d", serial.incrementAndGet());

        ObjectNode output = PlatformJson.object();
        ObjectNode setlinfo = output.putObject("setlinfo");
        setlinfo.put("mdtrt_id", visit.mdtrtId);
        setlinfo.put("setl_id", setlId);
        setlinfo.put("psn_no", person.psnNo());
        setlinfo.put("psn_name", person.name());
        setlinfo.put("insutype", text(data, "insutype"));
        setlinfo.put("setl_time", PlatformFormats.dateTime(LocalDateTime.now()));
        setlinfo.put("med_type", text(data, "med_type"));
        setlinfo.put("medfee_sumamt", medfee);
        setlinfo.put("fulamt_ownpay_amt", sum(lines, "fulamt_ownpay_amt"));
        setlinfo.put("overlmt_selfpay", sum(lines, "overlmt_amt"));
        setlinfo.put("preselfpay_amt", sum(lines, "preselfpay_amt"));
        setlinfo.put("inscp_scp_amt", inscp);
        setlinfo.put("act_pay_dedc", BigDecimal.ZERO.setScale(2));
        setlinfo.put("hifp_pay", hifp);
        setlinfo.put("pool_prop_selfpay", inscp.subtract(hifp));
        for (String zero : List.of("cvlserv_pay", "hifes_pay", "hifmi_pay", "hifob_pay", "maf_pay", "oth_pay",
                "hosp_part_amt")) {
            setlinfo.put(zero, BigDecimal.ZERO.setScale(2));
        }
        setlinfo.put("fund_pay_sumamt", hifp);
        setlinfo.put("psn_part_amt", psnPart);
        setlinfo.put("acct_pay", acctPay);
        setlinfo.put("psn_cash_pay", psnPart.subtract(acctPay));
        setlinfo.put("balc", balance.subtract(acctPay));
        setlinfo.put("medins_setl_id", request.msgid());
        ArrayNode setldetail = output.putArray("setldetail");
        if (hifp.signum() > 0) {
            fund(setldetail, "310100", "职工基本医疗保险统筹基金", inscp, hifp);
        }
        if (acctPay.signum() > 0) {
            fund(setldetail, "310200", "职工基本医疗保险个人账户", BigDecimal.ZERO.setScale(2), acctPay);
        }
        if (commit) {
            balances.put(person.psnNo(), balance.subtract(acctPay));
            lines.forEach(line -> visit.unsettled.remove(text(line, "feedetl_sn")));
            visit.settledBySetlId.put(setlId, lines);
            settlements.put(setlId, setlinfo.deepCopy());
        }
        return output;
    }

    private ObjectNode cancelSettlement(JsonNode data) {
        String setlId = text(data, "setl_id");
        ObjectNode settled = settlements.remove(setlId);
        if (settled == null) {
            throw new Refusal("settlement " + setlId + " does not exist or is already cancelled");
        }
        undo(settled);
        ObjectNode output = PlatformJson.object();
        ObjectNode reversal = output.putObject("setlinfo");
        settled.fields().forEachRemaining(field -> reversal.set(field.getKey(),
                field.getValue().isBigDecimal() ? reversal.numberNode(field.getValue().decimalValue().negate())
                        : field.getValue()));
        return output;
    }

    private ObjectNode reverse(JsonNode data) {
        PlatformRequest original = Optional.ofNullable(processed.get(text(data, "omsgid")))
                .orElseThrow(() -> new Refusal("原交易不存在 (no transaction " + text(data, "omsgid") + ")"));
        if (!original.infno().equals(text(data, "oinfno"))) {
            throw new Refusal("oinfno does not match the original transaction");
        }
        if ("2207".equals(original.infno())) {
            settlements.entrySet().stream()
                    .filter(e -> original.msgid().equals(text(e.getValue(), "medins_setl_id")))
                    .findFirst().ifPresent(e -> {
                        settlements.remove(e.getKey());
                        undo(e.getValue());
                    });
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    private void undo(ObjectNode settled) {
        balances.merge(text(settled, "psn_no"), decimal(settled, "acct_pay"), BigDecimal::add);
        SimVisit visit = visits.get(text(settled, "mdtrt_id"));
        List<ObjectNode> lines = visit.settledBySetlId.remove(text(settled, "setl_id"));
        lines.forEach(line -> visit.unsettled.put(text(line, "feedetl_sn"), line));
    }

    private static void fund(ArrayNode setldetail, String type, String name, BigDecimal inscp, BigDecimal paid) {
        ObjectNode row = setldetail.addObject();
        row.put("fund_pay_type", type);
        row.put("inscp_scp_amt", inscp);
        row.put("fund_payamt", paid);
        row.put("fund_pay_type_name", name);
    }

    private SimVisit visit(String mdtrtId) {
        SimVisit visit = mdtrtId == null ? null : visits.get(mdtrtId);
        if (visit == null || visit.cancelled) {
            throw new Refusal("就诊信息不存在 (no visit " + mdtrtId + ")");
        }
        return visit;
    }

    private String envelopeError(PlatformRequest r) {
        if (r.msgid() == null || !r.msgid().matches("[HP]\\d{29}") || !r.msgid().startsWith(r.fixmedins_code())) {
            return "bad msgid " + r.msgid();
        }
        if (processed.containsKey(r.msgid())) {
            return "duplicate msgid " + r.msgid();
        }
        if (r.mdtrtarea_admvs() == null || !r.mdtrtarea_admvs().matches("\\d{6}")
                || r.insuplc_admdvs() == null || !r.insuplc_admdvs().matches("\\d{6}")) {
            return "mdtrtarea_admvs and insuplc_admdvs must be 6-digit divisions";
        }
        if (!"V1.0".equals(r.infver()) || r.inf_time() == null
                || !r.inf_time().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
            return "bad infver / inf_time";
        }
        if (r.input() == null) {
            return "input is required";
        }
        return null;
    }

    private static BigDecimal sum(List<ObjectNode> lines, String field) {
        return lines.stream().map(l -> decimal(l, field)).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    private static BigDecimal round(BigDecimal value) { return value.setScale(2, RoundingMode.HALF_UP); }

    private PlatformResponse failure(PlatformRequest request, String errMsg) {
        return new PlatformResponse(PlatformResponse.FAILURE, refMsgId(request), now(), now(), errMsg, null, null,
                null, null);
    }

    private String refMsgId(PlatformRequest request) {
        String area = request.insuplc_admdvs() == null ? "000000" : request.insuplc_admdvs();
        return area + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                + String.format("%010d", serial.incrementAndGet());
    }

    private static String now() { return LocalDateTime.now().format(STAMP); }

    private static final class Refusal extends RuntimeException {
        Refusal(String message) { super(message); }
    }
}
