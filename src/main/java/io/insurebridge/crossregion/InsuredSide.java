package io.insurebridge.crossregion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.AreaPolicy;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.AlreadyAnswered;
import io.insurebridge.settlement.Envelopes;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeProperties;
import io.insurebridge.settlement.policy.Gates;
import io.insurebridge.settlement.policy.ItemClassification;
import io.insurebridge.settlement.policy.PolicyEngine;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.policy.VisitSettlement;
import io.insurebridge.settlement.policy.VisitTerms;
import io.insurebridge.settlement.policy.YearToDate;
import io.insurebridge.settlement.state.PersonState;
import io.insurebridge.settlement.state.ProcessedRequests;
import io.insurebridge.settlement.state.SettlementRecord;
import io.insurebridge.settlement.state.Settlements;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import io.insurebridge.settlement.tx.PayLocation;
import io.insurebridge.settlement.tx.SettlementOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The insured place's side of an off-site settlement: its policy (deductible, ratio by the care institution's
 * level, cap, unfiled off-site reduction, critical illness, assistance) applied to its person's year-to-date state,
 * with the care place's classified items. A 2207 commits the person's accumulators and account and a settlement
 * row (the visit is recorded with the care area) once per msgid; every answer is stored with its msgid like the
 * node's own, so a repeated request gets the same answer and changes nothing.
 */
public class InsuredSide {
    private static final Logger log = LoggerFactory.getLogger(InsuredSide.class);

    private final MappingSource mappings;
    private final ProcessedRequests processed;
    private final PersonState persons;
    private final Visits visits;
    private final Settlements settlements;
    private final PolicyEngine engine;
    private final NodeIds ids;
    private final Envelopes envelopes;
    private final NodeProperties node;
    private final TransactionTemplate tx;

    public InsuredSide(MappingSource mappings, ProcessedRequests processed, PersonState persons, Visits visits,
                       Settlements settlements, PolicyEngine engine, NodeIds ids, Envelopes envelopes,
                       NodeProperties node, PlatformTransactionManager txManager) {
        this.mappings = mappings;
        this.processed = processed;
        this.persons = persons;
        this.visits = visits;
        this.settlements = settlements;
        this.engine = engine;
        this.ids = ids;
        this.envelopes = envelopes;
        this.node = node;
        this.tx = new TransactionTemplate(txManager);
    }

    /** The answer envelope (JSON) to a SETTLE request. */
    public String settle(JsonNode request) {
        OffsetDateTime received = envelopes.now();
        String msgid = NodeCall.text(request, "msgid");
        String infno = NodeCall.text(request, "infno");
        if (msgid == null || infno == null) {
            return NodeJson.write(envelopes.failure(received, "Malformed cross-region request: msgid and infno"));
        }
        String stored = processed.response(msgid).orElse(null);
        if (stored != null) {
            return stored;
        }
        return once(msgid, infno, received, () -> compute(request, msgid, infno, received));
    }

    /**
     * The answer envelope (JSON) to a REVERSE request: 2208 / 2601 at the care node of the 2207 {@code omsgid} this
     * node settled for it. In one transaction with the person locked: the settlement is cancelled, the person's
     * accumulators and account restored and the visit reopened, once per msgid (a repeat gets the stored answer).
     * A 2601 of an omsgid that never arrived here records it as refused, so its late arrival changes nothing.
     */
    public String reverse(JsonNode request, String careAdmdvs) {
        OffsetDateTime received = envelopes.now();
        String msgid = NodeCall.text(request, "msgid");
        String infno = NodeCall.text(request, "infno");
        String omsgid = NodeCall.text(request, "omsgid");
        if (msgid == null || infno == null || omsgid == null) {
            return NodeJson.write(envelopes.failure(received, "Malformed cross-region reversal: msgid, infno, omsgid"));
        }
        String stored = processed.response(msgid).orElse(null);
        if (stored != null) {
            return stored;
        }
        return once(msgid, infno, received, () -> reverse(request, msgid, infno, omsgid, careAdmdvs, received));
    }

    /**
     * Runs one answer's transaction once per msgid: a refusal is stored as the msgid's answer, a concurrent copy's
     * stored answer wins, a busy person lock is retried; after the retries the request stays unanswered (the
     * message is redelivered and tried again).
     */
    private String once(String msgid, String infno, OffsetDateTime received, java.util.function.Supplier<String> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(s -> work.get());
            } catch (AlreadyAnswered answered) {
                return answered.response();
            } catch (PolicyRefusal refusal) {
                String json = NodeJson.write(envelopes.failure(received, refusal.getMessage()));
                boolean recorded = processed.recordIfAbsent(msgid, infno, PlatformResponse.FAILURE, json,
                        envelopes.now());
                return recorded ? json : processed.response(msgid).orElse(json);
            } catch (DuplicateKeyException duplicate) {
                return processed.response(msgid).orElseThrow(() -> duplicate);
            } catch (TransientDataAccessException busy) {
                if (attempt > node.lockRetries()) {
                    throw busy;
                }
            }
        }
    }

    private String reverse(JsonNode r, String msgid, String infno, String omsgid, String careAdmdvs,
                           OffsetDateTime now) {
        MappingSnapshot snapshot = mappings.current();
        Optional<SettlementRecord> found = settlements.findByMsgid(omsgid);
        String psnNo = found.map(SettlementRecord::psnNo).orElse(NodeCall.text(r, "psn_no"));
        if (psnNo == null) {
            throw new PolicyRefusal("Transaction " + omsgid + " is unknown here and names no person");
        }
        InsuredPerson person = snapshot.person(psnNo).filter(p -> node.admdvs().equals(p.insuplcAdmdvs()))
                .orElseThrow(() -> new PolicyRefusal("Person " + psnNo + " is not insured in area " + node.admdvs()));
        persons.lock(psnNo, person.acctBalance(), now);
        processed.response(msgid).ifPresent(answer -> {
            throw new AlreadyAnswered(answer);
        });
        found = settlements.findByMsgid(omsgid);   // again, under the person's lock
        String warning = null;
        ObjectNode output = NodeJson.object();
        if (found.isPresent()) {
            SettlementRecord s = found.get();
            String careArea = visits.find(s.mdtrtId()).map(VisitRecord::mdtrtareaAdmvs).orElse(null);
            if (!careAdmdvs.equals(careArea)) {
                throw new PolicyRefusal("Settlement " + s.setlId() + " was not made for care area " + careAdmdvs);
            }
            if (SettlementRecord.SETTLED.equals(s.status())) {
                String cancelSetlId = ids.setlId(now);
                if (!settlements.cancel(s.setlId(), cancelSetlId, msgid, now)) {
                    throw new PolicyRefusal("Settlement " + s.setlId() + " is already cancelled");
                }
                persons.apply(psnNo, s.year(), s.group(), s.delta(), -1, now);
                visits.setStatus(s.mdtrtId(), VisitRecord.REGISTERED, now);
                BigDecimal balance = persons.balance(psnNo).orElseThrow();
                output = SettlementOutput.reversal(new SettlementOutput.Header(s.mdtrtId(), cancelSetlId, person,
                        s.medType(), s.mdtrtCertType(), now, node.zone(), msgid, person.insuplcAdmdvs()),
                        s.amounts(), balance);
                ObjectNode setlinfo = (ObjectNode) output.get("setlinfo");
                setlinfo.put("orig_setl_id", s.setlId());
                setlinfo.put("pay_loc", PayLocation.of(snapshot, person.insuplcAdmdvs(), careAdmdvs, false));
            } else if ("2601".equals(infno)) {
                warning = "Settlement " + s.setlId() + " of " + omsgid + " is already cancelled: nothing to reverse";
            } else {
                throw new PolicyRefusal("Settlement " + s.setlId() + " is already cancelled");
            }
        } else if (!"2601".equals(infno)) {
            throw new PolicyRefusal("Transaction " + omsgid + " settled nothing at the insured place's node "
                    + node.admdvs());
        } else if (processed.answered(omsgid).isEmpty()) {
            String refusal = NodeJson.write(envelopes.failure(now, "Transaction " + omsgid + " was reversed (2601 "
                    + msgid + ") before it arrived: not processed"));
            if (!processed.recordIfAbsent(omsgid, "2207", PlatformResponse.FAILURE, refusal, now)) {
                throw new DuplicateKeyException("omsgid " + omsgid + " answered meanwhile");
            }
            warning = "Transaction " + omsgid + " never arrived: recorded as reversed, a late arrival will be refused";
        } else {
            warning = "Transaction " + omsgid + " changed no settlement state: nothing to reverse";
        }
        String json = NodeJson.write(envelopes.success(now, output, warning));
        if (!processed.recordIfAbsent(msgid, infno, PlatformResponse.SUCCESS, json, envelopes.now())) {
            throw new AlreadyAnswered(processed.response(msgid).orElseThrow());
        }
        log.info("Off-site {} {} of {} from care area {} answered", infno, msgid, omsgid, careAdmdvs);
        return json;
    }

    private String compute(JsonNode r, String msgid, String infno, OffsetDateTime now) {
        MappingSnapshot snapshot = mappings.current();
        String psnNo = NodeCall.required(r, "psn_no", "request");
        InsuredPerson person = snapshot.person(psnNo).filter(p -> node.admdvs().equals(p.insuplcAdmdvs()))
                .orElseThrow(() -> new PolicyRefusal("Person " + psnNo + " is not insured in area " + node.admdvs()));
        BigDecimal balance = persons.lock(psnNo, person.acctBalance(), now);
        processed.response(msgid).ifPresent(answer -> {
            throw new AlreadyAnswered(answer);
        });
        Gates.person(person);
        String insutype = NodeCall.text(r, "insutype");
        if (insutype != null && !insutype.equals(person.insutype())) {
            throw new PolicyRefusal("Person " + psnNo + " is insured under insutype " + person.insutype() + ", not "
                    + insutype);
        }
        AreaPolicy policy = snapshot.policy(node.admdvs()).orElseThrow(() -> new PolicyRefusal(
                "No policy for the insured place " + node.admdvs()));
        JsonNode i = r.path("institution");
        Institution institution = new Institution(NodeCall.text(i, "code"), NodeCall.text(i, "name"),
                NodeCall.text(i, "admdvs"), NodeCall.text(i, "level"), NodeCall.text(i, "agreement"),
                NodeCall.text(i, "internet_agreement"));
        String careAdmdvs = NodeCall.required(r, "care_admdvs", "request");
        String medType = NodeCall.required(r, "med_type", "request");
        String mainDiag = NodeCall.text(r, "main_diag");
        boolean internet = r.path("internet").asBoolean(false);
        VisitTerms terms = engine.terms(person, policy, institution, careAdmdvs, medType, mainDiag, internet,
                r.path("follow_up").asBoolean(true), NodeCall.text(r, "acct_used_flag"));
        OffsetDateTime begin = OffsetDateTime.parse(NodeCall.required(r, "begntime", "request"));
        int year = begin.atZoneSameInstant(node.zone()).getYear();
        YearToDate ytd = persons.yearToDate(psnNo, year, terms.group(), balance);
        List<ItemClassification> items = new ArrayList<>();
        for (JsonNode item : r.path("items")) {
            try {
                items.add(NodeJson.MAPPER.treeToValue(item, ItemClassification.class));
            } catch (Exception e) {
                throw new PolicyRefusal("Malformed fee item in the cross-region request: " + e.getMessage());
            }
        }
        if (items.isEmpty()) {
            throw new PolicyRefusal("No fee items in the cross-region request");
        }
        VisitSettlement settlement = engine.settle(terms, items, ytd);
        boolean commit = "2207".equals(infno) && r.path("commit").asBoolean(true);
        String mdtrtId = NodeCall.required(r, "mdtrt_id", "request");
        String certType = NodeCall.text(r, "mdtrt_cert_type");
        String setlId = commit ? ids.setlId(now) : null;
        if (commit) {
            if (visits.find(mdtrtId).isEmpty()) {
                visits.insert(new VisitRecord(mdtrtId, psnNo, person.insutype(), person.insuplcAdmdvs(), careAdmdvs,
                        institution.code(), NodeCall.text(r, "atddr_no"), NodeCall.text(r, "ipt_otp_no"), certType,
                        internet, medType, mainDiag, begin, VisitRecord.SETTLED), msgid, now);
            } else {
                visits.setStatus(mdtrtId, VisitRecord.SETTLED, now);
            }
            settlements.insert(new SettlementRecord(setlId, msgid, mdtrtId, psnNo, person.insutype(), medType,
                    terms.group(), year, institution.code(), certType, settlement, SettlementRecord.SETTLED, now));
            persons.apply(psnNo, year, terms.group(), settlement.delta(), +1, now);
        }
        ObjectNode output = SettlementOutput.of(new SettlementOutput.Header(mdtrtId, setlId, person, medType,
                certType, now, node.zone(), msgid, person.insuplcAdmdvs()), settlement);
        ((ObjectNode) output.get("setlinfo")).put("pay_loc", PayLocation.of(snapshot, person.insuplcAdmdvs(),
                careAdmdvs, internet));
        String json = NodeJson.write(envelopes.success(now, output, settlement.warning()));
        if (!processed.recordIfAbsent(msgid, infno, PlatformResponse.SUCCESS, json, envelopes.now())) {
            throw new AlreadyAnswered(processed.response(msgid).orElseThrow());
        }
        log.info("Off-site {} {} of person {} from care area {} answered", infno, msgid, "***", careAdmdvs);
        return json;
    }
}
