package io.insurebridge.console;

import io.insurebridge.store.deadletter.DeadLetter;
import io.insurebridge.store.deadletter.DeadLetterRedrive;
import io.insurebridge.store.deadletter.DeadLetterStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** The dead-letter store over HTTP: list (without bodies), one with body and headers, re-drive. */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterController {

    private final DeadLetterStore store;
    private final DeadLetterRedrive redrive;

    public DeadLetterController(DeadLetterStore store, DeadLetterRedrive redrive) {
        this.store = store;
        this.redrive = redrive;
    }

    /** Summaries, newest first; the body stays out of lists (personal data, size). */
    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) String status,
                                    @RequestParam(required = false) String queue,
                                    @RequestParam(defaultValue = "50") int limit) {
        List<Map<String, Object>> items = store.list(status, queue, limit).stream().map(d -> Map.<String, Object>of(
                "id", d.id(), "originalQueue", d.originalQueue(), "status", d.status(), "reason", d.reason(),
                "deliveryCount", d.deliveryCount() == null ? -1 : d.deliveryCount(), "deadAt", d.deadAt(),
                "retryCount", d.retryCount())).toList();
        return Map.of("items", items, "dead", store.count(DeadLetter.DEAD));
    }

    @GetMapping("/{id}")
    public ResponseEntity<DeadLetter> one(@PathVariable long id) {
        return store.find(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    /** 202 re-sent to the original queue; 404 unknown; 409 already re-driven (a new death is a new row). */
    @PostMapping("/{id}/retry")
    public ResponseEntity<Map<String, Object>> retry(@PathVariable long id) {
        DeadLetterRedrive.Result result = redrive.retry(id);
        HttpStatus status = switch (result) {
            case RETRIED -> HttpStatus.ACCEPTED;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case ALREADY_RETRIED -> HttpStatus.CONFLICT;
        };
        return ResponseEntity.status(status).body(Map.of("id", id, "result", result.name()));
    }
}
