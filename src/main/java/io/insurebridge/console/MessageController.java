package io.insurebridge.console;

import io.insurebridge.inbound.MessageRedrive;
import io.insurebridge.store.MessageQuery;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** The message store over HTTP: list with filters, one message with its raw text, ACK and trace, re-drive. */
@RestController
@RequestMapping("/api/messages")
public class MessageController {

    private final MessageStore store;
    private final MessageRedrive redrive;

    public MessageController(MessageStore store, MessageRedrive redrive) {
        this.store = store;
        this.redrive = redrive;
    }

    @GetMapping
    public Map<String, Object> list(@RequestParam(required = false) MessageStatus status,
                                    @RequestParam(required = false) String type,
                                    @RequestParam(required = false) String sender,
                                    @RequestParam(required = false) String controlId,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        int boundedSize = Math.max(1, Math.min(size, 500));
        List<MessageSummary> items = store.search(new MessageQuery(status, type, sender, controlId, from, to,
                Math.max(0, page), boundedSize)).stream().map(MessageSummary::of).toList();
        return Map.of("page", page, "size", boundedSize, "items", items);
    }

    @GetMapping("/{id}")
    public ResponseEntity<StoredMessage> one(@PathVariable long id) {
        return store.findWithHops(id).map(ResponseEntity::ok).orElse(ResponseEntity.notFound().build());
    }

    @PostMapping("/{id}/reprocess")
    public ResponseEntity<MessageRedrive.Outcome> reprocess(@PathVariable long id) {
        MessageRedrive.Outcome outcome = redrive.redrive(id);
        return ResponseEntity.status(outcome.redriven() ? HttpStatus.ACCEPTED
                : outcome.unknown() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT).body(outcome);
    }

    /** A list row: everything but the raw text and the ACK. */
    public record MessageSummary(long id, String connector, String sendingFacility, String controlId,
                                 String messageType, MessageStatus status, String reason, String ackCode,
                                 String msgid, OffsetDateTime receivedAt, OffsetDateTime updatedAt) {
        static MessageSummary of(StoredMessage m) {
            return new MessageSummary(m.id(), m.connector(), m.sendingFacility(), m.controlId(), m.messageType(),
                    m.status(), m.reason(), m.ackCode(), m.msgid(), m.receivedAt(), m.updatedAt());
        }
    }
}
