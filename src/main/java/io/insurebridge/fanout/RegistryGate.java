package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import io.insurebridge.settlement.tx.InternetFlag;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/**
 * The run-time registry and anti-fraud decisions, checked by the node before a visit's transactions: a suspended or
 * terminated institution / pharmacy / Internet+ agreement / doctor, a doctor whose points are used up by deductions,
 * a person whose direct settlement is suspended. Cancellations (2202, 2205, 2208, 2601) still go through.
 */
@Component
@Order(10)
public class RegistryGate implements NodeHook {
    static final Set<String> GATED = Set.of("2201", "2203", "2204", "2206", "2207");

    private final RegistryStore registry;
    private final RegistryService service;
    private final FraudSuspensions fraud;
    private final Visits visits;

    public RegistryGate(RegistryStore registry, RegistryService service, FraudSuspensions fraud, Visits visits) {
        this.registry = registry;
        this.service = service;
        this.fraud = fraud;
        this.visits = visits;
    }

    @Override
    public void before(NodeCall call) {
        if (!GATED.contains(call.infno())) {
            return;
        }
        String code = call.request().fixmedins_code();
        Optional<VisitRecord> visit = VisitOf.call(call, visits);
        if (code == null && visit.isPresent()) {
            code = visit.get().fixmedinsCode();
        }
        if (code != null) {
            refuseIfBlocked(RegistryKind.INSTITUTION, code, "Institution " + code,
                    "no insurance settlement");
            refuseIfBlocked(RegistryKind.PHARMACY, code, "Pharmacy " + code, "no insurance settlement");
            boolean internet = "2201".equals(call.infno()) ? InternetFlag.of(call.data().get("exp_content"))
                    : visit.map(VisitRecord::internet).orElse(false);
            if (internet) {
                refuseIfBlocked(RegistryKind.INTERNET_AGREEMENT, code, "The Internet+ supplementary agreement of "
                        + "institution " + code, "no Internet+ insurance settlement");
            }
        }
        if ("2201".equals(call.infno())) {
            String doctor = NodeCall.text(call.data(), "atddr_no");
            if (doctor != null) {
                refuseIfBlocked(RegistryKind.DOCTOR, doctor, "Doctor " + doctor, "no insurance service");
                Integer left = service.pointsLeft(doctor);
                if (left != null && left <= 0 && registry.deductedPoints(doctor) > 0) {
                    throw new PolicyRefusal("Doctor " + doctor + " has no agreement points left after the agency's "
                            + "deductions: the doctor's insurance service is suspended");
                }
            }
        }
        String psnNo = VisitOf.psnNo(call).orElse(visit.map(VisitRecord::psnNo).orElse(null));
        if (psnNo != null) {
            fraud.current(psnNo).ifPresent(d -> {
                throw new PolicyRefusal("Person " + psnNo + " is under an anti-fraud suspension of direct settlement ("
                        + d.reason() + ", since " + d.at().toLocalDate() + "): no direct insurance settlement");
            });
        }
    }

    private void refuseIfBlocked(RegistryKind kind, String code, String what, String consequence) {
        registry.current(kind, code).filter(RegistryStatus::blocks).ifPresent(s -> {
            throw new PolicyRefusal(what + " is " + s.status().toLowerCase() + " by the agency (" + s.reason()
                    + ", since " + s.changedAt().toLocalDate() + "): " + consequence);
        });
    }

    /** Where a visit's transactions name their visit and person. */
    static final class VisitOf {
        private VisitOf() {}

        static Optional<String> mdtrtId(NodeCall call) {
            String id = NodeCall.text(call.data(), "mdtrt_id");
            if (id == null) {
                id = NodeCall.text(call.node("mdtrtinfo"), "mdtrt_id");
            }
            JsonNode fee = call.input().path("feedetail").path(0);
            if (id == null && fee.isObject()) {
                id = NodeCall.text(fee, "mdtrt_id");
            }
            return Optional.ofNullable(id);
        }

        static Optional<VisitRecord> call(NodeCall call, Visits visits) {
            return mdtrtId(call).flatMap(visits::find);
        }

        static Optional<String> psnNo(NodeCall call) {
            String psn = NodeCall.text(call.data(), "psn_no");
            if (psn == null) {
                psn = NodeCall.text(call.node("mdtrtinfo"), "psn_no");
            }
            JsonNode fee = call.input().path("feedetail").path(0);
            if (psn == null && fee.isObject()) {
                psn = NodeCall.text(fee, "psn_no");
            }
            return Optional.ofNullable(psn);
        }
    }
}
