package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.mapping.AreaPolicy;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.*;
import io.insurebridge.settlement.state.*;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.settlement.OffSite;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * 2206 pre-settlement (computes, changes nothing) and 2207 settlement (commits the settlement, the person's
 * accumulators and account, the fee details, the visit and the institution's budget use in the request's one
 * transaction, with the person locked).
 */
@Component
public class VisitSettlementTx implements NodeTransaction {
    static final String PRE_SETTLE = "2206";

    private final PersonLocks locks;
    private final PersonState persons;
    private final Visits visits;
    private final FeeDetails fees;
    private final Settlements settlements;
    private final BudgetUse budgets;
    private final PolicyEngine engine;
    private final NodeIds ids;
    private final ObjectProvider<OffSite> offSite;

    public VisitSettlementTx(PersonLocks locks, PersonState persons, Visits visits, FeeDetails fees,
                             Settlements settlements, BudgetUse budgets, PolicyEngine engine, NodeIds ids,
                             ObjectProvider<OffSite> offSite) {
        this.offSite = offSite;
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
        return Set.of("2206", "2207");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        PersonLocks.LockedVisit locked = locks.lockVisit(call, NodeCall.required(data, "mdtrt_id", "input.data"),
                NodeCall.text(data, "psn_no"));
        VisitRecord visit = locked.visit();
        InsuredPerson person = locked.person();
        if (!VisitRecord.REGISTERED.equals(visit.status())) {
            throw new PolicyRefusal("Visit " + visit.mdtrtId() + " is " + visit.status().toLowerCase()
                    + ": nothing to settle" + (VisitRecord.SETTLED.equals(visit.status())
                    ? " (cancel the settlement with 2208 to settle it again)" : ""));
        }
        Gates.person(person);
        Institution institution = call.institution(visit.fixmedinsCode());
        Gates.institution(institution, visit.internet());
        String insutype = NodeCall.text(data, "insutype");
        if (insutype != null && !insutype.equals(person.insutype())) {
            throw new PolicyRefusal("Person " + person.psnNo() + " is insured under insutype " + person.insutype()
                    + ", not " + insutype);
        }
        String medType = medType(visit, NodeCall.text(data, "med_type"));
        List<ItemClassification> items = fees.unsettled(visit.mdtrtId());
        if (items.isEmpty()) {
            throw new PolicyRefusal("No fee details uploaded (2204) for visit " + visit.mdtrtId());
        }
        OffSite remote = offSite.getIfAvailable();
        if (remote != null && remote.insuredElsewhere(person)) {
            return offSite(call, remote, visit, person, institution, medType, items);
        }
        AreaPolicy policy = call.mappings().policy(person.insuplcAdmdvs()).orElseThrow(() -> new PolicyRefusal(
                "No policy for the insured place " + person.insuplcAdmdvs()));
        boolean followUp = !visit.internet() || isFollowUp(visit, policy);
        VisitTerms terms = engine.terms(person, policy, institution, visit.mdtrtareaAdmvs(), medType,
                visit.mainDiag(), visit.internet(), followUp, NodeCall.text(data, "acct_used_flag"));
        int year = visit.begntime().atZoneSameInstant(call.zone()).getYear();
        YearToDate ytd = persons.yearToDate(person.psnNo(), year, terms.group(), locked.balance());
        VisitSettlement settlement = engine.settle(terms, items, ytd);
        BigDecimal declared = NodeCall.decimal(data, "medfee_sumamt");
        if (declared != null && declared.compareTo(settlement.medfeeSumamt()) != 0) {
            throw new PolicyRefusal("medfee_sumamt " + declared.toPlainString() + " differs from the uploaded fee "
                    + "details' total " + settlement.medfeeSumamt().toPlainString() + " of visit " + visit.mdtrtId());
        }
        boolean commit = !PRE_SETTLE.equals(call.infno());
        String setlId = commit ? ids.setlId(call.receivedAt()) : null;
        if (commit) {
            settlements.insert(new SettlementRecord(setlId, call.msgid(), visit.mdtrtId(), person.psnNo(),
                    person.insutype(), medType, terms.group(), year, institution.code(),
                    NodeCall.text(data, "mdtrt_cert_type"), settlement, SettlementRecord.SETTLED,
                    call.receivedAt()));
            persons.apply(person.psnNo(), year, terms.group(), settlement.delta(), +1, call.receivedAt());
            fees.markSettled(visit.mdtrtId(), setlId);
            visits.setStatus(visit.mdtrtId(), VisitRecord.SETTLED, call.receivedAt());
            budgets.add(institution.code(), year, setlId, settlement.fundPaySumamt(), +1);
        }
        var header = new SettlementOutput.Header(visit.mdtrtId(), setlId, person, medType,
                NodeCall.text(data, "mdtrt_cert_type"), call.receivedAt(), call.zone(), call.msgid(),
                person.insuplcAdmdvs());
        var output = SettlementOutput.of(header, settlement);
        ((com.fasterxml.jackson.databind.node.ObjectNode) output.get("setlinfo")).put("pay_loc", PayLocation.of(
                call.mappings(), person.insuplcAdmdvs(), visit.mdtrtareaAdmvs(), visit.internet()));
        return new Outcome(output, settlement.warning());
    }

    /**
     * Care place's catalog (the items classified here), insured place's policy (applied by its node, where the
     * person's state lives); the care side records the settlement for the institution like a local one.
     */
    private Outcome offSite(NodeCall call, OffSite remote, VisitRecord visit, InsuredPerson person,
                            Institution institution, String medType, List<ItemClassification> items) {
        JsonNode data = call.data();
        boolean commit = !PRE_SETTLE.equals(call.infno());
        boolean followUp = !visit.internet() || isFollowUp(visit, call.mappings().policy(visit.mdtrtareaAdmvs())
                .map(AreaPolicy::followUpDays).orElse(180));
        OffSite.Settled settled = remote.settle(call, new OffSite.Visit(visit, person, institution, medType, followUp,
                items, NodeCall.text(data, "acct_used_flag"), NodeCall.text(data, "mdtrt_cert_type"), commit));
        VisitSettlement amounts = settled.amounts();
        BigDecimal declared = NodeCall.decimal(data, "medfee_sumamt");
        if (declared != null && declared.compareTo(amounts.medfeeSumamt()) != 0) {
            throw new PolicyRefusal("medfee_sumamt " + declared.toPlainString() + " differs from the uploaded fee "
                    + "details' total " + amounts.medfeeSumamt().toPlainString() + " of visit " + visit.mdtrtId());
        }
        if (commit) {
            int year = visit.begntime().atZoneSameInstant(call.zone()).getYear();
            // the person's accumulators moved at the insured place: nothing to take back here (zero deltas)
            VisitSettlement careSide = new VisitSettlement(amounts.medfeeSumamt(), amounts.fulamtOwnpayAmt(),
                    amounts.overlmtSelfpay(), amounts.preselfpayAmt(), amounts.inscpScpAmt(), amounts.actPayDedc(),
                    amounts.hifpPay(), amounts.poolPropSelfpay(), amounts.hifmiPay(), amounts.mafPay(),
                    amounts.fundPaySumamt(), amounts.psnPartAmt(), amounts.acctPay(), amounts.psnCashPay(),
                    amounts.balc(), amounts.details(), AccumulatorDelta.NONE, amounts.warning());
            settlements.insert(new SettlementRecord(settled.setlId(), call.msgid(), visit.mdtrtId(), person.psnNo(),
                    person.insutype(), medType, BenefitGroup.ofMedType(medType).orElse(BenefitGroup.OUTPATIENT),
                    year, institution.code(), NodeCall.text(data, "mdtrt_cert_type"), careSide,
                    SettlementRecord.SETTLED, call.receivedAt()));
            fees.markSettled(visit.mdtrtId(), settled.setlId());
            visits.setStatus(visit.mdtrtId(), VisitRecord.SETTLED, call.receivedAt());
            budgets.add(institution.code(), year, settled.setlId(), amounts.fundPaySumamt(), +1);
        }
        ObjectNode output = settled.output().deepCopy();
        ((ObjectNode) output.get("setlinfo")).put("pay_loc", PayLocation.of(call.mappings(), person.insuplcAdmdvs(),
                visit.mdtrtareaAdmvs(), visit.internet()));
        return new Outcome(output, settled.warning());
    }

    /** 2203's med_type; a different one in 2206/2207 is refused, a missing 2203 is accepted if 2207 names it. */
    private static String medType(VisitRecord visit, String requested) {
        if (visit.medType() == null) {
            if (requested == null) {
                throw new PolicyRefusal("Visit " + visit.mdtrtId() + " has no med_type: send the visit information "
                        + "(2203) first");
            }
            if (BenefitGroup.ofMedType(requested).orElse(null) == BenefitGroup.CHRONIC) {
                throw new PolicyRefusal("med_type 14 needs the visit's main diagnosis: send 2203 first");
            }
            return requested;
        }
        if (requested != null && !requested.equals(visit.medType())) {
            throw new PolicyRefusal("med_type " + requested + " differs from the visit's med_type " + visit.medType()
                    + " (2203)");
        }
        return visit.medType();
    }

    /** A settled offline visit in the same care area within follow_up_days, main diagnosis sharing 3 chars. */
    private boolean isFollowUp(VisitRecord visit, AreaPolicy policy) {
        return isFollowUp(visit, policy.followUpDays());
    }

    private boolean isFollowUp(VisitRecord visit, int followUpDays) {
        String diagnosis = visit.mainDiag();
        if (diagnosis == null || diagnosis.length() < 3) {
            return false;
        }
        return visits.hasSettledOfflineVisit(visit.psnNo(), visit.mdtrtareaAdmvs(), diagnosis.substring(0, 3),
                visit.begntime().minusDays(followUpDays), visit.begntime());
    }
}
