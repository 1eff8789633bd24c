package io.insurebridge.settlement.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeIds;
import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.NodeTransaction;
import io.insurebridge.settlement.PersonLocks;
import io.insurebridge.settlement.policy.Gates;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.Set;

/** 2201 outpatient registration: gates on person, institution (and Internet+ agreement) and doctor. */
@Component
public class Registration implements NodeTransaction {
    private final PersonLocks locks;
    private final Visits visits;
    private final NodeIds ids;

    public Registration(PersonLocks locks, Visits visits, NodeIds ids) {
        this.locks = locks;
        this.visits = visits;
        this.ids = ids;
    }

    @Override
    public Set<String> infnos() {
        return Set.of("2201");
    }

    @Override
    public Outcome execute(NodeCall call) {
        JsonNode data = call.data();
        PlatformRequest envelope = call.request();
        InsuredPerson person = call.person(NodeCall.required(data, "psn_no", "input.data"));
        Gates.person(person);
        String insutype = NodeCall.text(data, "insutype");
        if (insutype != null && !insutype.equals(person.insutype())) {
            throw new PolicyRefusal("Person " + person.psnNo() + " is insured under insutype " + person.insutype()
                    + ", not " + insutype);
        }
        Institution institution = call.institution(envelope.fixmedins_code());
        boolean internet = InternetFlag.of(data.get("exp_content"));
        Gates.institution(institution, internet);
        String doctorCode = NodeCall.required(data, "atddr_no", "input.data");
        Gates.doctor(call.mappings().doctor(doctorCode).orElse(null), doctorCode, institution.code());
        AreaCheck.careArea(envelope, institution);
        AreaCheck.insuredPlace(envelope, person);

        locks.lock(call, person);
        OffsetDateTime begin = call.time(data, "begntime");
        String mdtrtId = ids.mdtrtId(institution.admdvs(), call.receivedAt());
        String iptOtpNo = NodeCall.text(data, "ipt_otp_no");
        visits.insert(new VisitRecord(mdtrtId, person.psnNo(), person.insutype(), person.insuplcAdmdvs(),
                institution.admdvs(), institution.code(), doctorCode, iptOtpNo,
                NodeCall.text(data, "mdtrt_cert_type"), internet, null, null, begin, VisitRecord.REGISTERED),
                call.msgid(), call.receivedAt());
        ObjectNode out = NodeJson.object();
        ObjectNode result = out.putObject("data");
        result.put("mdtrt_id", mdtrtId);
        result.put("psn_no", person.psnNo());
        result.put("ipt_otp_no", iptOtpNo);
        return Outcome.of(out);
    }
}
