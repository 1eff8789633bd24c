package io.insurebridge.settlement.api;

import io.insurebridge.settlement.SettlementNode;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;

/**
 * The national platform's HTTP interface, served by the node: JSON envelope in, JSON envelope out, always HTTP 200
 * (errors are infcode -1, as the platform does). The body is read raw so malformed JSON gets an envelope too.
 */
@RestController
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class CallServiceController {
    private static final MediaType JSON_UTF8 = new MediaType(MediaType.APPLICATION_JSON, StandardCharsets.UTF_8);

    private final SettlementNode node;

    public CallServiceController(SettlementNode node) {
        this.node = node;
    }

    @PostMapping(path = "/fsi/api/callService")
    public ResponseEntity<String> callService(@RequestBody(required = false) byte[] body) {
        String json = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return ResponseEntity.ok().contentType(JSON_UTF8).body(node.handleJson(json));
    }
}
