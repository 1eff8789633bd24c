package io.insurebridge.fanout;

import io.insurebridge.mapping.AreaPolicy;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.settlement.state.VisitRecord;
import io.insurebridge.settlement.state.Visits;
import org.springframework.stereotype.Component;

/** The node's follow-up test of an Internet+ visit (docs/settlement-node.md), for events and supervision. */
@Component
public class FollowUp {
    private final Visits visits;

    public FollowUp(Visits visits) {
        this.visits = visits;
    }

    public boolean isFollowUp(MappingSnapshot mappings, VisitRecord visit) {
        String diagnosis = visit.mainDiag();
        AreaPolicy policy = mappings.policy(visit.insuplcAdmdvs()).orElse(null);
        if (diagnosis == null || diagnosis.length() < 3 || policy == null) {
            return false;
        }
        return visits.hasSettledOfflineVisit(visit.psnNo(), visit.mdtrtareaAdmvs(), diagnosis.substring(0, 3),
                visit.begntime().minusDays(policy.followUpDays()), visit.begntime());
    }
}
