package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Subscriber "supervision": reviews every settlement event against all rules and stores the violations. */
@Component("supervisionSubscriber")
public class SupervisionSubscriber {
    private final SupervisionRules rules;
    private final SmartReview review;
    private final Violations violations;
    private final RegistryService registry;

    public SupervisionSubscriber(SupervisionRules rules, SmartReview review, Violations violations,
                                 RegistryService registry) {
        this.rules = rules;
        this.review = review;
        this.violations = violations;
        this.registry = registry;
    }

    @Transactional
    public void onEvent(String json) {
        JsonNode e = Events.read(json);
        if (!EventType.SETTLEMENT.equals(e.path("event_type").asText())) {
            return;
        }
        List<ReviewSubject.Line> lines = new ArrayList<>();
        for (JsonNode d : e.path("details")) {
            lines.add(new ReviewSubject.Line(d.path("feedetl_sn").asText(), d.path("med_list_codg").asText(),
                    d.path("cnt").decimalValue(), d.path("pric").decimalValue(),
                    d.hasNonNull("pric_uplmt_amt") ? d.get("pric_uplmt_amt").decimalValue() : null));
        }
        String doctor = e.path("atddr_no").asText(null);
        ReviewSubject subject = new ReviewSubject(e.path("psn_no").asText(null), e.path("mdtrt_id").asText(null),
                e.path("gend").asText(null), e.hasNonNull("age") ? e.get("age").asInt() : null, doctor,
                doctor == null ? null : registry.pointsLeft(doctor), e.path("online").asBoolean(false),
                e.path("follow_up").asBoolean(true), OffsetDateTime.parse(e.path("occurred_at").asText()), lines);
        OffsetDateTime now = OffsetDateTime.now();
        for (ReviewSubject.Finding f : review.review(subject, rules.current())) {
            violations.add(e.path("event_id").asText(), new Violations.Violation(f.rule().id(), f.rule().type(),
                    f.rule().action(), e.path("fixmedins_code").asText(null), subject.mdtrtId(),
                    e.path("setl_id").asText(null), subject.psnNo(), doctor, f.feedetlSn(), f.code(), f.message(),
                    now));
        }
    }
}
