package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.AreaPolicy;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.Pharmacy;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.*;
import io.insurebridge.settlement.state.*;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 2101 pre-settlement / 2102 settlement of the drugs a designated retail pharmacy dispensed on a circulated
 * prescription (med_type 41, clr_type 41). The agency settles with the pharmacy: the envelope's fixmedins_code is the
 * pharmacy's P code. The drugs are paid as the same drugs would be at the prescribing institution (the seed: "the
 * cost of medicines is paid per the offline policy"): the benefit group of the prescribing visit (chronic for a
 * med_type 14 visit, else outpatient) and the ratio of the prescribing institution's level. A delivery fee line is
 * never insured and is paid in cash, never from the personal account. One settlement per prescription: a repeated
 * 2102 (any msgid) gets the first settlement's answer and changes nothing.
 */
@Component
public class DrugSettlementTx implements NodeTransaction {
    static final String PRE_SETTLE = "2101";
    public static final String PHARMACY_PURCHASE = "41";

    private final Prescriptions prescriptions;
    private final DrugSettlements drugSettlements;
    private final PersonLocks locks;
    private final PersonState persons;
    private final Visits visits;
    private final FeeDetails fees;
    private final Settlements settlements;
    private final BudgetUse budgets;
    private final PolicyEngine engine;
    private final NodeIds ids;

    public DrugSettlementTx(Prescriptions prescriptions, DrugSettlements drugSettlements, PersonLocks locks,
                            PersonState persons, Visits visits, FeeDetails fees, Settlements settlements,
                            BudgetUse budgets, PolicyEngine engine, NodeIds ids) {
        this.prescriptions = prescriptions;
        this.drugSettlements = drugSettlements;
        this.locks = locks;
        this.persons = persons;
        this.visits = visits;
        this.fees = fees;
        this.settlements = settlements;
        this.budgets = budgets;
        this.engine = engine;
        this.ids = ids;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2101", "2102");
    }

    /** One dispensed line as the pharmacy sent it, with its catalog item. */
    private record Line(String feedetlSn, String medinsListCodg, CatalogItem item, FeeDetailInput input) {}

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        Pharmacy pharmacy = LockedPrescription.envelopePharmacy(call);
        String hiRxno = NodeCall.required(data, "hi_rxno", "input.data");
        PrescriptionRecord rx = prescriptions.lock(hiRxno)
                .orElseThrow(() -> new PolicyRefusal("Unknown prescription hi_rxno " + hiRxno));
        boolean commit = !PRE_SETTLE.equals(call.infno());
        var settled = drugSettlements.output(hiRxno);
        if (settled.isPresent()) {
            if (commit) {
                return Outcome.of((ObjectNode) readTree(settled.get()));
            }
            throw new PolicyRefusal("Prescription " + hiRxno + " is already settled");
        }
        if (!Prescriptions.DISPENSED.equals(rx.status()) || !pharmacy.code().equals(rx.pharmacyCode())) {
            throw new PolicyRefusal("Prescription " + hiRxno + " was not dispensed by " + pharmacy.code()
                    + " (7103 first): nothing to settle");
        }
        String medType = NodeCall.text(data, "med_type");
        if (medType != null && !PHARMACY_PURCHASE.equals(medType)) {
            throw new PolicyRefusal("med_type " + medType + ": a pharmacy purchase is med_type 41");
        }
        InsuredPerson person = person(call, rx);
        Gates.person(person);
        String insutype = NodeCall.text(data, "insutype");
        if (insutype != null && !insutype.equals(person.insutype())) {
            throw new PolicyRefusal("Person " + person.psnNo() + " is insured under insutype " + person.insutype()
                    + ", not " + insutype);
        }
        List<Line> lines = lines(call, hiRxno);
        List<ItemClassification> drugs = new ArrayList<>();
        List<ItemClassification> delivery = new ArrayList<>();
        for (Line l : lines) {
            ItemClassification c = engine.classify(l.input(), l.item());
            (l.item().isDeliveryFee() ? delivery : drugs).add(c);
        }
        if (drugs.isEmpty()) {
            throw new PolicyRefusal("input.drugdetail has no dispensed drug: nothing to settle");
        }
        BigDecimal balance = locks.lock(call, person);

        Institution prescriber = call.institution(rx.institutionCode());
        VisitRecord prescribingVisit = prescriptions.mdtrtId(hiRxno).flatMap(visits::find).orElse(null);
        boolean chronic = prescribingVisit != null
                && BenefitGroup.ofMedType(prescribingVisit.medType()).orElse(null) == BenefitGroup.CHRONIC;
        AreaPolicy policy = call.mappings().policy(person.insuplcAdmdvs()).orElseThrow(() -> new PolicyRefusal(
                "No policy for the insured place " + person.insuplcAdmdvs()));
        VisitTerms terms = engine.terms(person, policy, prescriber, pharmacy.admdvs(), chronic ? "14" : "11",
                chronic ? prescribingVisit.mainDiag() : null, false, true, NodeCall.text(data, "acct_used_flag"));
        int year = call.receivedAt().atZoneSameInstant(call.zone()).getYear();
        YearToDate ytd = persons.yearToDate(person.psnNo(), year, terms.group(), balance);
        VisitSettlement settlement = cashOnly(engine.settle(terms, drugs, ytd), delivery);
        BigDecimal declared = NodeCall.decimal(data, "medfee_sumamt");
        if (declared != null && declared.compareTo(settlement.medfeeSumamt()) != 0) {
            throw new PolicyRefusal("medfee_sumamt " + declared.toPlainString() + " differs from the dispensed lines' "
                    + "total " + settlement.medfeeSumamt().toPlainString());
        }
        String certType = NodeCall.text(data, "mdtrt_cert_type");
        String setlId = commit ? ids.setlId(call.receivedAt()) : null;
        String mdtrtId = commit ? ids.mdtrtId(pharmacy.admdvs(), call.receivedAt()) : null;
        var header = new SettlementOutput.Header(mdtrtId, setlId, person, PHARMACY_PURCHASE, certType,
                call.receivedAt(), call.zone(), call.msgid(), person.insuplcAdmdvs());
        ObjectNode output = SettlementOutput.of(header, settlement);
        ObjectNode setlinfo = (ObjectNode) output.get("setlinfo");
        setlinfo.put("fixmedins_code", pharmacy.code());
        setlinfo.put("hi_rxno", hiRxno);
        setlinfo.put("pay_loc", PayLocation.of(call.mappings(), person.insuplcAdmdvs(), pharmacy.admdvs(), false));
        ArrayNode result = output.putArray("result");
        for (ItemClassification c : concat(drugs, delivery)) {
            result.add(FeeUpload.toWire(c));
        }
        if (commit) {
            // the purchase is its own visit at the pharmacy (no diagnosis: it never counts as an offline follow-up base)
            visits.insert(new VisitRecord(mdtrtId, person.psnNo(), person.insutype(), person.insuplcAdmdvs(),
                    pharmacy.admdvs(), pharmacy.code(), rx.doctorCode(), hiRxno, certType, false, PHARMACY_PURCHASE,
                    null, call.receivedAt(), VisitRecord.SETTLED), call.msgid(), call.receivedAt());
            for (Line l : lines) {
                ItemClassification c = concat(drugs, delivery).stream()
                        .filter(x -> x.feedetlSn().equals(l.feedetlSn())).findFirst().orElseThrow();
                fees.insert(mdtrtId, hiRxno, l.medinsListCodg(), c, call.msgid(), call.receivedAt());
            }
            fees.markSettled(mdtrtId, setlId);
            settlements.insert(new SettlementRecord(setlId, call.msgid(), mdtrtId, person.psnNo(), person.insutype(),
                    PHARMACY_PURCHASE, terms.group(), year, pharmacy.code(), certType, settlement,
                    SettlementRecord.SETTLED, call.receivedAt()));
            persons.apply(person.psnNo(), year, terms.group(), settlement.delta(), +1, call.receivedAt());
            budgets.add(pharmacy.code(), year, setlId, settlement.fundPaySumamt(), +1);
            drugSettlements.insert(hiRxno, setlId, pharmacy.code(), call.msgid(), NodeJson.write(output),
                    call.receivedAt());
        }
        return new Outcome(output, settlement.warning());
    }

    /** The delivery fee is added to what the person pays in cash: never in scope, never from the account. */
    static VisitSettlement cashOnly(VisitSettlement s, List<ItemClassification> delivery) {
        BigDecimal fee = delivery.stream().map(ItemClassification::detItemFeeSumamt).reduce(Money.ZERO, BigDecimal::add);
        return new VisitSettlement(s.medfeeSumamt().add(fee), s.fulamtOwnpayAmt().add(fee), s.overlmtSelfpay(),
                s.preselfpayAmt(), s.inscpScpAmt(), s.actPayDedc(), s.hifpPay(), s.poolPropSelfpay(), s.hifmiPay(),
                s.mafPay(), s.fundPaySumamt(), s.psnPartAmt().add(fee), s.acctPay(), s.psnCashPay().add(fee), s.balc(),
                s.details(), s.delta(), s.warning());
    }

    /** input.data.psn_no, else the prescription's patient (7101), else the prescribing visit's. */
    private InsuredPerson person(NodeCall call, PrescriptionRecord rx) {
        String psnNo = NodeCall.text(call.data(), "psn_no");
        if (psnNo == null) {
            psnNo = rx.psnNo();
        }
        if (psnNo == null) {
            psnNo = prescriptions.mdtrtId(rx.hiRxno()).flatMap(visits::find).map(VisitRecord::psnNo).orElse(null);
        }
        if (psnNo == null) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " names no insured person: send input.data.psn_no");
        }
        if (rx.psnNo() != null && !rx.psnNo().equals(psnNo)) {
            throw new PolicyRefusal("Prescription " + rx.hiRxno() + " was not issued to person " + psnNo);
        }
        return call.person(psnNo);
    }

    /** drugdetail[]: drugs of the prescription (no more than prescribed) and the delivery fee, nothing else. */
    private List<Line> lines(NodeCall call, String hiRxno) {
        JsonNode detail = call.node("drugdetail");
        if (!detail.isArray() || detail.isEmpty()) {
            throw new PolicyRefusal("Missing input.drugdetail: the dispensed lines to settle");
        }
        Map<String, BigDecimal> left = new HashMap<>();
        List<Prescriptions.PrescribedDrug> prescribed = prescriptions.drugs(hiRxno);
        prescribed.forEach(d -> left.merge(d.medListCodg(), d.drugCnt(), BigDecimal::add));
        List<Line> lines = new ArrayList<>();
        Set<String> serials = new java.util.HashSet<>();
        int n = 0;
        for (JsonNode line : detail) {
            n++;
            String sn = NodeCall.text(line, "feedetl_sn");
            sn = sn == null ? String.valueOf(n) : sn;
            if (!serials.add(sn)) {
                throw new PolicyRefusal("drugdetail: feedetl_sn " + sn + " appears twice");
            }
            String code = NodeCall.required(line, "med_list_codg", "drugdetail");
            CatalogItem item = call.mappings().catalogItem(code)
                    .orElseThrow(() -> new PolicyRefusal("Drug " + code + " is not in the catalog"));
            BigDecimal cnt = NodeCall.decimal(line, "cnt");
            BigDecimal pric = NodeCall.decimal(line, "pric");
            if (cnt == null || cnt.signum() <= 0 || pric == null || pric.signum() < 0) {
                throw new PolicyRefusal("drugdetail " + sn + ": cnt must be > 0 and pric >= 0");
            }
            if (!item.isDeliveryFee()) {
                BigDecimal remaining = left.get(code);
                if (!prescribed.isEmpty() && (remaining == null || remaining.compareTo(cnt) < 0)) {
                    throw new PolicyRefusal("drugdetail " + sn + ": " + code + " x " + cnt.stripTrailingZeros()
                            .toPlainString() + " is not on prescription " + hiRxno + " in that quantity");
                }
                if (remaining != null) {
                    left.put(code, remaining.subtract(cnt));
                }
            }
            BigDecimal total = NodeCall.decimal(line, "det_item_fee_sumamt");
            lines.add(new Line(sn, NodeCall.text(line, "medins_list_codg"), item,
                    new FeeDetailInput(sn, total == null ? Money.round(pric.multiply(cnt)) : total, cnt, pric)));
        }
        return lines;
    }

    private static List<ItemClassification> concat(List<ItemClassification> a, List<ItemClassification> b) {
        List<ItemClassification> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static JsonNode readTree(String json) {
        try {
            return NodeJson.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("stored drug settlement unreadable", e);
        }
    }
}
