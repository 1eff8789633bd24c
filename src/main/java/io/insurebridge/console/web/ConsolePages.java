package io.insurebridge.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestMapping;

/** The console's sign-in page and dashboard. */
@Controller
@RequestMapping("/console")
public class ConsolePages {

    private final Dashboard dashboard;
    private final ConsoleRoles roles;

    public ConsolePages(Dashboard dashboard, ConsoleRoles roles) {
        this.dashboard = dashboard;
        this.roles = roles;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("user", auth == null ? null : auth.getName());
        model.addAttribute("canOperate", roles.canOperate(auth));
        model.addAttribute("canEngineer", roles.canEngineer(auth));
    }

    @GetMapping("/login")
    public String login() {
        return "console/login";
    }

    @GetMapping({"", "/"})
    public String dashboard(Model model) {
        model.addAttribute("connectors", dashboard.connectors());
        model.addAttribute("queues", dashboard.queues());
        java.util.List<Long> perMinute = dashboard.perMinute();
        model.addAttribute("sparkline", Svg.sparkline(perMinute, 360, 48));
        model.addAttribute("lastHour", perMinute.stream().mapToLong(Long::longValue).sum());
        model.addAttribute("parts", dashboard.parts());
        model.addAttribute("page", "dashboard");
        return "console/dashboard";
    }
}
