package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.settlement.NodeCall;
import io.insurebridge.settlement.NodeHook;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.FeeDetails;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The supervision rules with action reject, applied by the node before fees are accepted (2204) or settled
 * (2206/2207): a hit refuses the request with the rule's id and reason, so nothing is paid for it.
 */
@Component
@Order(20)
public class SupervisionGate implements NodeHook {
    static final Set<String> REVIEWED = Set.of("2204", "2206", "2207");

    private final SupervisionRules rules;
    private final SmartReview review;
    private final Visits visits;
    private final FeeDetails fees;
    private final RegistryService registry;
    private final FollowUp followUp;

    public SupervisionGate(SupervisionRules rules, SmartReview review, Visits visits, FeeDetails fees,
                           RegistryService registry, FollowUp followUp) {
        this.rules = rules;
        this.review = review;
        this.visits = visits;
        this.fees = fees;
        this.registry = registry;
        this.followUp = followUp;
    }

    @Override
    public void before(NodeCall call) {
        if (!REVIEWED.contains(call.infno())) {
            return;
        }
        List<SupervisionRule> rejecting = rules.current().stream().filter(SupervisionRule::rejects).toList();
        if (rejecting.isEmpty()) {
            return;
        }
        Optional<VisitRecord> found = RegistryGate.VisitOf.call(call, visits);
        if (found.isEmpty()) {
            return; // the transaction refuses an unknown visit itself
        }
        VisitRecord visit = found.get();
        Optional<InsuredPerson> person = call.mappings().person(visit.psnNo());
        List<ReviewSubject.Line> lines = "2204".equals(call.infno()) ? uploaded(call, visit) : unsettled(visit);
        ReviewSubject subject = new ReviewSubject(visit.psnNo(), visit.mdtrtId(), person.map(InsuredPerson::gend)
                .orElse(null), person.map(p -> Period.between(p.brdy(), visit.begntime().toLocalDate()).getYears())
                .orElse(null), visit.atddrNo(), visit.atddrNo() == null ? null : registry.pointsLeft(visit.atddrNo()),
                visit.internet(), !visit.internet() || followUp.isFollowUp(call.mappings(), visit),
                call.receivedAt(), lines);
        review.review(subject, rejecting).stream().findFirst().ifPresent(f -> {
            throw new PolicyRefusal("Refused by supervision rule " + f.rule().id() + " (" + f.rule().type() + "): "
                    + f.message());
        });
    }

    private static List<ReviewSubject.Line> uploaded(NodeCall call, VisitRecord visit) {
        List<ReviewSubject.Line> lines = new ArrayList<>();
        for (JsonNode d : call.input().path("feedetail")) {
            String code = NodeCall.text(d, "med_list_codg");
            if (code == null) {
                code = NodeCall.text(d, "medins_list_codg");
            }
            Optional<CatalogItem> item = code == null ? Optional.empty()
                    : call.mappings().resolveItem(visit.fixmedinsCode(), code);
            lines.add(new ReviewSubject.Line(NodeCall.text(d, "feedetl_sn"), item.map(CatalogItem::code).orElse(code),
                    NodeCall.decimal(d, "cnt"), NodeCall.decimal(d, "pric"),
                    item.map(CatalogItem::priceCeiling).orElse(null)));
        }
        return lines;
    }

    private List<ReviewSubject.Line> unsettled(VisitRecord visit) {
        return fees.unsettled(visit.mdtrtId()).stream().map(i -> new ReviewSubject.Line(i.feedetlSn(),
                i.medListCodg(), i.cnt(), i.pric(), i.pricUplmtAmt())).toList();
    }
}
