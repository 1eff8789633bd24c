package io.insurebridge.console.web;

import io.insurebridge.fanout.RegistryKind;
import io.insurebridge.fanout.RegistryStatus;
import io.insurebridge.fanout.RegistryStore;
import io.insurebridge.fanout.StatisticsQuery;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Statistics charts (the same query as GET /api/statistics) and the registry with its suspension history. */
@Controller
@RequestMapping("/console")
public class ConsoleReportsPage {

    public record Entry(String kind, String code, String name, String detail, String status, String reason,
                        Object changedAt) {}

    private final StatisticsQuery statistics;
    private final RegistryStore registry;
    private final MappingSource mappings;
    private final JdbcTemplate jdbc;
    private final ConsoleRoles roles;

    public ConsoleReportsPage(StatisticsQuery statistics, RegistryStore registry, MappingSource mappings,
                              JdbcTemplate jdbc, ConsoleRoles roles) {
        this.statistics = statistics;
        this.registry = registry;
        this.mappings = mappings;
        this.jdbc = jdbc;
        this.roles = roles;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("user", auth == null ? null : auth.getName());
        model.addAttribute("canOperate", roles.canOperate(auth));
        model.addAttribute("canEngineer", roles.canEngineer(auth));
    }

    @GetMapping("/statistics")
    public String statistics(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @RequestParam(required = false) String institution, Model model) {
        StatisticsQuery.Filter filter = new StatisticsQuery.Filter(from, to,
                institution == null || institution.isBlank() ? null : institution.trim());
        List<Map<String, Object>> byDay = statistics.summary(filter, List.of("day"));
        List<Map<String, Object>> byInstitution = statistics.summary(filter, List.of("institution"));
        List<Map<String, Object>> byOnline = statistics.summary(filter, List.of("online"));
        List<Map<String, Object>> funds = statistics.funds(filter, List.of());
        model.addAttribute("charts", List.of(
                chart("Settlements by day", byDay, "day", "net_count"),
                chart("Fund payments by day (yuan)", byDay, "day", "fund_pay_sumamt"),
                chart("Settlements by institution", byInstitution, "institution", "net_count"),
                chart("Medical fees by institution (yuan)", byInstitution, "institution", "medfee_sumamt"),
                chart("Online vs offline settlements", byOnline, "online", "net_count"),
                chart("Payments by insurance fund (yuan)", funds, "fund_pay_type", "fund_payamt")));
        model.addAttribute("byDay", byDay);
        model.addAttribute("from", from == null ? "" : from.toString());
        model.addAttribute("to", to == null ? "" : to.toString());
        model.addAttribute("institution", institution == null ? "" : institution);
        model.addAttribute("page", "statistics");
        return "console/statistics";
    }

    @GetMapping("/registry")
    public String registry(Model model) {
        MappingSnapshot m = mappings.current();
        List<Entry> entries = new ArrayList<>();
        m.institutions().values().forEach(i -> entries.add(entry(RegistryKind.INSTITUTION, i.code(), i.name(),
                "level " + i.level() + ", agreement " + i.agreement() + ", internet " + i.internetAgreement())));
        m.institutions().values().stream().filter(i -> i.internetAgreement() != null && !i.internetAgreement().isBlank())
                .forEach(i -> entries.add(entry(RegistryKind.INTERNET_AGREEMENT, i.code(), i.name(),
                        "internet agreement " + i.internetAgreement())));
        m.pharmacies().values().forEach(p -> entries.add(entry(RegistryKind.PHARMACY, p.code(), p.name(),
                "agreement " + p.agreement())));
        m.doctors().values().forEach(d -> entries.add(entry(RegistryKind.DOCTOR, d.code(),
                ConsoleMasking.maybeName(d.name()), "institution " + d.institutionCode() + ", points " + d.pointsLeft())));
        Map<String, List<Entry>> byKind = new LinkedHashMap<>();
        for (RegistryKind k : RegistryKind.values()) {
            byKind.put(k.path(), entries.stream().filter(e -> e.kind().equals(k.path()))
                    .sorted(java.util.Comparator.comparing(Entry::code)).toList());
        }
        model.addAttribute("kinds", byKind);
        model.addAttribute("history", jdbc.queryForList("SELECT entity_kind, code, status, reason, operator, cascaded, "
                + "changed_at FROM fanout_registry_history ORDER BY id DESC LIMIT 200"));
        model.addAttribute("page", "registry");
        return "console/registry";
    }

    private Entry entry(RegistryKind kind, String code, String name, String detail) {
        RegistryStatus s = registry.current(kind, code).orElse(null);
        return new Entry(kind.path(), code, name, detail, s == null ? RegistryStatus.ACTIVE : s.status(),
                s == null ? "" : s.reason(), s == null ? "" : s.changedAt());
    }

    private static Map<String, Object> chart(String title, List<Map<String, Object>> rows, String label, String value) {
        List<Svg.Bar> bars = rows.stream().map(r -> new Svg.Bar(String.valueOf(r.get(label)), number(r.get(value))))
                .toList();
        return Map.of("title", title, "svg", bars.isEmpty() ? "<p class=\"empty\">no data</p>" : Svg.bars(bars, 640));
    }

    private static double number(Object v) {
        return v instanceof Number n ? n.doubleValue() : v == null ? 0 : Double.parseDouble(v.toString());
    }
}
