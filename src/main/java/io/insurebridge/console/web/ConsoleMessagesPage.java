package io.insurebridge.console.web;

import io.insurebridge.inbound.MessageRedrive;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.deadletter.DeadLetterRedrive;
import io.insurebridge.store.deadletter.DeadLetterStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Message browser, one message side by side, re-drive, and the dead-letter list with retry. */
@Controller
@RequestMapping("/console")
public class ConsoleMessagesPage {

    private final MessageView messages;
    private final MessageRedrive redrive;
    private final DeadLetterStore deadLetters;
    private final DeadLetterRedrive deadLetterRedrive;
    private final ConsoleRoles roles;

    public ConsoleMessagesPage(MessageView messages, MessageRedrive redrive, DeadLetterStore deadLetters,
                               DeadLetterRedrive deadLetterRedrive, ConsoleRoles roles) {
        this.messages = messages;
        this.redrive = redrive;
        this.deadLetters = deadLetters;
        this.deadLetterRedrive = deadLetterRedrive;
        this.roles = roles;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("user", auth == null ? null : auth.getName());
        model.addAttribute("canOperate", roles.canOperate(auth));
        model.addAttribute("canEngineer", roles.canEngineer(auth));
    }

    /** Times are typed in the browser's local form (datetime-local) and read in this node's zone. */
    @GetMapping("/messages")
    public String search(@RequestParam(required = false) String controlId,
                         @RequestParam(required = false) String msgid,
                         @RequestParam(required = false) String institution,
                         @RequestParam(required = false) String person,
                         @RequestParam(required = false) String status,
                         @RequestParam(required = false) String type,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime from,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime to,
                         @RequestParam(defaultValue = "0") int page, Model model) {
        MessageStatus st = status == null || status.isBlank() ? null : MessageStatus.valueOf(status);
        ZoneId zone = ZoneId.systemDefault();
        MessageView.Search q = new MessageView.Search(controlId, msgid, institution, person, st, type,
                from == null ? null : from.atZone(zone).toOffsetDateTime(),
                to == null ? null : to.atZone(zone).toOffsetDateTime(), Math.max(0, page));
        model.addAttribute("rows", messages.search(q));
        model.addAttribute("q", Map.of("controlId", nz(controlId), "msgid", nz(msgid), "institution", nz(institution),
                "person", nz(person), "status", nz(status), "type", nz(type),
                "from", from == null ? "" : from.toString(), "to", to == null ? "" : to.toString()));
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("pageNo", Math.max(0, page));
        model.addAttribute("page", "messages");
        return "console/messages";
    }

    @GetMapping("/messages/{id}")
    public String one(@PathVariable long id, Model model) {
        model.addAttribute("m", messages.detail(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no message #" + id)));
        model.addAttribute("page", "messages");
        return "console/message";
    }

    /** Operators and engineers only (ApiSecurityConfig); the outcome is shown on the message's page. */
    @PostMapping("/messages/{id}/reprocess")
    public String reprocess(@PathVariable long id, RedirectAttributes flash) {
        MessageRedrive.Outcome outcome = redrive.redrive(id);
        if (outcome.unknown()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no message #" + id);
        }
        flash.addFlashAttribute("notice", outcome.redriven() ? "Message #" + id + " re-driven."
                : "Message #" + id + " not re-driven: " + outcome.detail());
        return "redirect:/console/messages/" + id;
    }

    @GetMapping("/dead-letters")
    public String deadLetters(@RequestParam(required = false) String status, Model model) {
        String st = status == null || status.isBlank() ? null : status;
        model.addAttribute("items", deadLetters.list(st, null, 200).stream().map(d -> Map.of(
                "id", d.id(), "queue", d.originalQueue(), "status", d.status(),
                "reason", nz(ConsoleMasking.mask(d.reason())),
                "deliveryCount", d.deliveryCount() == null ? -1 : d.deliveryCount(), "deadAt", d.deadAt(),
                "retryCount", d.retryCount())).toList());
        model.addAttribute("dead", deadLetters.count("DEAD"));
        model.addAttribute("status", st == null ? "" : st);
        model.addAttribute("page", "dead-letters");
        return "console/dead-letters";
    }

    @PostMapping("/dead-letters/{id}/retry")
    public String retry(@PathVariable long id, RedirectAttributes flash) {
        DeadLetterRedrive.Result result = deadLetterRedrive.retry(id);
        if (result == DeadLetterRedrive.Result.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dead letter #" + id);
        }
        flash.addFlashAttribute("notice", "Dead letter #" + id + ": " + result.name());
        return "redirect:/console/dead-letters";
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static List<String> none() {
        return List.of();
    }
}
