package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.settlement.NodeProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The agencies' API: registry status changes, doctor point deductions, anti-fraud decisions, supervision
 * violations and rules, budget consumption. Every change needs a reason; who made it is the signed-in user (each
 * change is also in the audit trail, GET /api/audit).
 */
@RestController
@RequestMapping("/api")
public class FanoutController {
    private final RegistryService registry;
    private final RegistryStore registryStore;
    private final FraudSuspensions fraud;
    private final Violations violations;
    private final SupervisionRules rules;
    private final BudgetMonitor budgets;
    private final NodeProperties node;

    public FanoutController(RegistryService registry, RegistryStore registryStore, FraudSuspensions fraud,
                            Violations violations, SupervisionRules rules, BudgetMonitor budgets, NodeProperties node) {
        this.registry = registry;
        this.registryStore = registryStore;
        this.fraud = fraud;
        this.violations = violations;
        this.rules = rules;
        this.budgets = budgets;
        this.node = node;
    }

    /** The run-time statuses of one kind (codes not listed are as in the mappings). */
    @GetMapping("/registry/{kind}")
    public List<RegistryStatus> registryList(@PathVariable String kind) {
        return registryStore.all(kind(kind));
    }

    @GetMapping("/registry/{kind}/{code}")
    public Map<String, Object> registryEntry(@PathVariable String kind, @PathVariable String code) {
        RegistryKind k = kind(kind);
        registry.requireKnown(k, code);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", k.path());
        out.put("code", code);
        out.put("status", registryStore.current(k, code).map(RegistryStatus::status).orElse(RegistryStatus.ACTIVE));
        out.put("history", registryStore.history(k, code));
        if (k == RegistryKind.DOCTOR) {
            out.put("points_left", registry.pointsLeft(code));
            out.put("deductions", registryStore.deductions(code));
        }
        return out;
    }

    /** action: suspend, terminate or restore; body {"reason": "..."}. */
    @PostMapping("/registry/{kind}/{code}/{action}")
    public List<RegistryStatus> registryChange(@PathVariable String kind, @PathVariable String code,
                                               @PathVariable String action,
                                               java.security.Principal operator,
                                               @RequestBody(required = false) JsonNode body) {
        if ("deductions".equals(action)) {
            throw new BadRequest("point deductions are POST /api/registry/doctors/{code}/deductions");
        }
        return registry.change(kind(kind), code, action, Operators.requireReason(text(body, "reason")),
                Operators.of(operator));
    }

    /** body {"points": 3, "reason": "..."}. */
    @PostMapping("/registry/doctors/{code}/deductions")
    public RegistryStore.Deduction deduct(@PathVariable String code,
                                          java.security.Principal operator,
                                          @RequestBody(required = false) JsonNode body) {
        String who = Operators.of(operator);
        if (body == null || !body.path("points").canConvertToInt()) {
            throw new BadRequest("body {\"points\": n, \"reason\": \"...\"} is required");
        }
        return registry.deduct(code, body.get("points").asInt(), Operators.requireReason(text(body, "reason")), who);
    }

    /** action: suspend or restore a person's direct settlement; body {"reason": "..."}. */
    @PostMapping("/antifraud/persons/{psnNo}/{action}")
    public FraudSuspensions.Decision antifraud(@PathVariable String psnNo, @PathVariable String action,
                                               java.security.Principal operator,
                                               @RequestBody(required = false) JsonNode body) {
        String decision = switch (action) {
            case "suspend" -> FraudSuspensions.SUSPEND;
            case "restore" -> FraudSuspensions.RESTORE;
            default -> throw new BadRequest("action must be suspend or restore, not '" + action + "'");
        };
        return fraud.decide(psnNo, decision, Operators.requireReason(text(body, "reason")),
                Operators.of(operator));
    }

    @GetMapping("/antifraud/persons/{psnNo}")
    public Map<String, Object> antifraudPerson(@PathVariable String psnNo) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("psn_no", psnNo);
        out.put("suspended", fraud.current(psnNo).isPresent());
        out.put("audit", fraud.audit(psnNo));
        return out;
    }

    @GetMapping("/antifraud/audit")
    public List<FraudSuspensions.Decision> antifraudAudit(@RequestParam(name = "psn_no", required = false) String psnNo) {
        return fraud.audit(psnNo);
    }

    @GetMapping("/supervision/violations")
    public List<Violations.Violation> violations(@RequestParam(name = "fixmedins_code", required = false) String inst,
                                                 @RequestParam(name = "setl_id", required = false) String setlId,
                                                 @RequestParam(name = "mdtrt_id", required = false) String mdtrtId,
                                                 @RequestParam(name = "rule_id", required = false) String ruleId,
                                                 @RequestParam(defaultValue = "200") int limit) {
        return violations.find(inst, setlId, mdtrtId, ruleId, Math.max(1, Math.min(limit, 5000)));
    }

    @GetMapping("/supervision/rules")
    public List<SupervisionRule> supervisionRules() {
        return rules.current();
    }

    @GetMapping("/budget")
    public List<Map<String, Object>> budget(@RequestParam(required = false) Integer year) {
        return budgets.consumption(year != null ? year : LocalDate.now(node.zone()).getYear());
    }

    private static RegistryKind kind(String path) {
        return RegistryKind.ofPath(path).orElseThrow(() -> new NotFound("registry kind '" + path
                + "' is not one of institutions, internet-agreements, pharmacies, doctors"));
    }

    private static String text(JsonNode body, String field) {
        return body == null || !body.hasNonNull(field) ? null : body.get(field).asText();
    }
}
