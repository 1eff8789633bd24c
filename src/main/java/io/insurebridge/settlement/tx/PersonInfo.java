package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.OffSite;
import org.springframework.beans.factory.ObjectProvider;
import io.insurebridge.settlement.policy.Money;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.PersonState;
import org.springframework.stereotype.Component;

import java.time.Period;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** 1101 person information: finds the person by the visit credential, answers baseinfo / insuinfo[] / idetinfo[]. */
@Component
public class PersonInfo implements NodeTransaction {
    static final String E_VOUCHER = "01";
    static final String ID_CARD = "02";
    static final String SOCIAL_SECURITY_CARD = "03";

    private final PersonState persons;
    private final ObjectProvider<OffSite> offSite;

    public PersonInfo(PersonState persons, ObjectProvider<OffSite> offSite) {
        this.persons = persons;
        this.offSite = offSite;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("1101");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        Optional<InsuredPerson> found = find(call, data);
        OffSite remote = offSite.getIfAvailable();
        if (remote != null) {
            // a person insured in a peer's area is described by the insured place's node
            Optional<Outcome> elsewhere = remote.personInfo(call, found);
            if (elsewhere.isPresent()) {
                return elsewhere.get();
            }
        }
        InsuredPerson person = found.orElseThrow(() -> new PolicyRefusal("No insured person found for "
                + "mdtrt_cert_type=" + NodeCall.text(data, "mdtrt_cert_type") + " mdtrt_cert_no="
                + NodeCall.text(data, "mdtrt_cert_no") + " certno=" + NodeCall.text(data, "certno")));
        ObjectNode out = NodeJson.object();
        ObjectNode base = out.putObject("baseinfo");
        base.put("psn_no", person.psnNo());
        base.put("psn_cert_type", "01");
        base.put("certno", person.certno());
        base.put("psn_name", person.name());
        base.put("gend", person.gend());
        base.put("naty", "01");
        base.put("brdy", person.brdy().toString());
        base.put("age", Period.between(person.brdy(),
                call.receivedAt().atZoneSameInstant(call.zone()).toLocalDate()).getYears());
        ObjectNode insu = out.putArray("insuinfo").addObject();
        insu.put("insutype", person.insutype());
        insu.put("psn_type", psnType(person));
        insu.put("psn_insu_stas", person.insuStatus());
        insu.put("balc", Money.round(persons.balance(person.psnNo()).orElse(person.acctBalance())));
        insu.put("insuplc_admdvs", person.insuplcAdmdvs());
        insu.putNull("psn_insu_date");
        insu.putNull("paus_insu_date");
        insu.put("cvlserv_flag", "0");
        insu.putNull("emp_name");
        ArrayNode idet = out.putArray("idetinfo");
        if (person.identity() != null) {
            ObjectNode row = idet.addObject();
            row.put("psn_idet_type", person.identity());
            row.putNull("begntime");
            row.putNull("endtime");
        }
        return Outcome.of(out);
    }

    /** 01 e-voucher token, 02 ID number, 03 card: ID number or psn_no; else data.certno (psn_cert_type). */
    public static Optional<InsuredPerson> find(NodeCall call, JsonNode data) {
        String type = NodeCall.text(data, "mdtrt_cert_type");
        String no = NodeCall.text(data, "mdtrt_cert_no");
        Predicate<InsuredPerson> match = null;
        if (no != null && E_VOUCHER.equals(type)) {
            // a signed token (checked by the patient side's voucher hook before this runs) names its person
            String signedFor = io.insurebridge.patient.voucher.VoucherToken.claimedPsnNo(no).orElse(null);
            match = p -> no.equals(p.evoucherToken()) || p.psnNo().equals(signedFor);
        } else if (no != null && ID_CARD.equals(type)) {
            match = p -> no.equalsIgnoreCase(p.certno());
        } else if (no != null && SOCIAL_SECURITY_CARD.equals(type)) {
            match = p -> no.equalsIgnoreCase(p.certno()) || no.equals(p.psnNo());
        } else if (NodeCall.text(data, "certno") != null) {
            String certno = NodeCall.text(data, "certno");
            match = p -> certno.equalsIgnoreCase(p.certno());
        }
        if (match == null) {
            return Optional.empty();
        }
        return call.mappings().persons().values().stream().filter(match).findFirst();
    }

    /** Demo person types: 11 employee on the job, 91 urban-rural resident (the platform's lists are provincial). */
    public static String psnType(InsuredPerson person) {
        return "390".equals(person.insutype()) ? "91" : "11";
    }
}
