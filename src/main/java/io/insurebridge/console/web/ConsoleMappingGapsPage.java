package io.insurebridge.console.web;

import io.insurebridge.console.MappingGapController;
import io.insurebridge.mapping.GapResolution;
import io.insurebridge.mapping.GapResolution.GapView;
import io.insurebridge.mapping.MappingGapStore;
import io.insurebridge.mapping.MappingRepository;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.ReloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Unmapped local codes: counts, the sheet to fill in, the upload that adds the crosswalk rows and reloads. A
 * sheet the loader refuses leaves the files as they were.
 */
@Controller
@RequestMapping("/console/mapping-gaps")
public class ConsoleMappingGapsPage {

    private static final Logger log = LoggerFactory.getLogger(ConsoleMappingGapsPage.class);

    private final MappingGapStore gaps;
    private final MappingRepository mappings;
    private final MappingGapController api;
    private final ConsoleRoles roles;

    public ConsoleMappingGapsPage(MappingGapStore gaps, MappingRepository mappings, MappingGapController api,
                                  ConsoleRoles roles) {
        this.gaps = gaps;
        this.mappings = mappings;
        this.api = api;
        this.roles = roles;
    }

    @ModelAttribute
    void common(Model model, Authentication auth) {
        model.addAttribute("user", auth == null ? null : auth.getName());
        model.addAttribute("canOperate", roles.canOperate(auth));
        model.addAttribute("canEngineer", roles.canEngineer(auth));
    }

    @GetMapping
    public String page(Model model) {
        model.addAttribute("gaps", views());
        model.addAttribute("version", mappings.status());
        model.addAttribute("page", "mapping-gaps");
        return "console/mapping-gaps";
    }

    @GetMapping(value = "/gaps.csv")
    public ResponseEntity<String> csv() {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mapping-gaps.csv\"")
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .body(GapCsv.write(views().stream().filter(g -> !g.resolved()).toList()));
    }

    /** Engineers only (ApiSecurityConfig): this writes the mapping files. */
    @PostMapping("/upload")
    public String upload(@RequestParam("file") MultipartFile file, Authentication auth, RedirectAttributes flash)
            throws IOException {
        List<String> errors = new ArrayList<>();
        List<GapCsv.Filled> filled = GapCsv.read(new String(file.getBytes(), StandardCharsets.UTF_8), errors);
        MappingSnapshot snapshot = mappings.current();
        List<String> items = new ArrayList<>();
        List<String> diagnoses = new ArrayList<>();
        for (GapCsv.Filled f : filled) {
            if (f.item()) {
                GapCsv.crosswalkRow(f, snapshot, errors).ifPresent(items::add);
            } else if (snapshot.diagnoses().containsKey(f.nationalCode())) {
                diagnoses.add(f.localCode() + "," + f.nationalCode());
            } else {
                errors.add("line " + f.line() + ": diagnosis " + f.nationalCode() + " is not in diagnoses.csv");
            }
        }
        if (!errors.isEmpty() || items.isEmpty() && diagnoses.isEmpty()) {
            flash.addFlashAttribute("errors", errors.isEmpty() ? List.of("no filled national_code in the sheet") : errors);
            return "redirect:/console/mapping-gaps";
        }
        Path crosswalk = mappings.directory().resolve("crosswalk.csv");
        Path diagnosisCrosswalk = mappings.directory().resolve("diagnosis_crosswalk.csv");
        byte[] crosswalkBefore = Files.readAllBytes(crosswalk);
        byte[] diagnosisBefore = Files.exists(diagnosisCrosswalk) ? Files.readAllBytes(diagnosisCrosswalk) : null;
        append(crosswalk, items);
        append(diagnosisCrosswalk, diagnoses);
        ReloadResult result = mappings.reload();
        if (!result.success()) {
            Files.write(crosswalk, crosswalkBefore);
            if (diagnosisBefore != null) {
                Files.write(diagnosisCrosswalk, diagnosisBefore);
            }
            mappings.reload();
            flash.addFlashAttribute("errors", List.of("the mapping files refused the sheet: " + result));
            return "redirect:/console/mapping-gaps";
        }
        log.info("console: {} added {} crosswalk and {} diagnosis rows from {}", auth.getName(), items.size(),
                diagnoses.size(), file.getOriginalFilename());
        flash.addFlashAttribute("notice", "Added " + items.size() + " crosswalk and " + diagnoses.size()
                + " diagnosis crosswalk rows; mappings reloaded.");
        return "redirect:/console/mapping-gaps";
    }

    /** Operators: carry on the messages a now-mapped gap holds (same as POST /api/mapping-gaps/{id}/reprocess). */
    @PostMapping("/{id}/reprocess")
    public String reprocess(@PathVariable long id, RedirectAttributes flash) {
        Object body = api.reprocess(id).getBody();
        flash.addFlashAttribute("notice", body instanceof MappingGapController.ReprocessReport r
                ? "Gap #" + id + ": " + r.outcomes().size() + " message(s) reprocessed, " + r.stillHeld().size()
                + " still held" : "Gap #" + id + ": " + body);
        return "redirect:/console/mapping-gaps";
    }

    private List<GapView> views() {
        MappingSnapshot snapshot = mappings.current();
        return gaps.list().stream().map(g -> GapResolution.view(g, snapshot))
                .sorted(Comparator.comparingLong(GapView::occurrences).reversed()).toList();
    }

    private static void append(Path file, List<String> rows) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        String existing = Files.exists(file) ? Files.readString(file) : "";
        String prefix = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
        Files.writeString(file, prefix + String.join("\n", rows) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
