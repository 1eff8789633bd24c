package io.insurebridge.crossregion;

import io.insurebridge.settlement.NodeJson;
import io.insurebridge.settlement.SettlementNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * Everything peers send to this node's inbound queue. Requests (ENVELOPE, SETTLE, RECONCILE) are answered here and
 * the answer goes back to the sender's area over our own durable queue to it; ANSWERs complete what this node
 * asked. A failure throws, so the broker redelivers the message later (nothing is lost, answers are idempotent).
 */
public class CrossRegionInbound {
    private static final Logger log = LoggerFactory.getLogger(CrossRegionInbound.class);

    private final SettlementNode node;
    private final CareSide care;
    private final InsuredSide insured;
    private final Reconciliation reconciliation;
    private final CrossRegionStore store;
    private final CrossRegionTransport transport;
    private final PeerLinks links;

    public CrossRegionInbound(SettlementNode node, CareSide care, InsuredSide insured, Reconciliation reconciliation,
                              CrossRegionStore store, CrossRegionTransport transport, PeerLinks links) {
        this.node = node;
        this.care = care;
        this.insured = insured;
        this.reconciliation = reconciliation;
        this.store = store;
        this.transport = transport;
        this.links = links;
    }

    public void receive(String type, String id, String from, String body) throws Exception {
        if (type == null || id == null || from == null) {
            log.warn("Cross-region message without {}/{}/{} dropped", CrossRegionTransport.TYPE,
                    CrossRegionTransport.ID, CrossRegionTransport.FROM);
            return;
        }
        links.heardFrom(from);
        switch (type) {
            case CrossRegionTransport.ENVELOPE -> reply(from, id, care.answeringPeer(() -> node.handleJson(body)));
            case CrossRegionTransport.SETTLE -> reply(from, id, care.answeringPeer(
                    () -> insured.settle(read(body))));
            case CrossRegionTransport.REVERSE -> reply(from, id, care.answeringPeer(
                    () -> insured.reverse(read(body), from)));
            case CrossRegionTransport.RECONCILE -> reply(from, id, reconciliation.answer(from, read(body)));
            case CrossRegionTransport.ANSWER -> answer(id, body);
            default -> log.warn("Cross-region message of unknown type {} from {} dropped", type, from);
        }
    }

    private void answer(String id, String body) {
        if (reconciliation.answered(id, body)) {
            return;
        }
        Optional<CrossRegionStore.Request> request = store.request(id);
        if (request.isEmpty()) {
            log.warn("Cross-region answer to unknown msgid {} dropped", id);
            return;
        }
        store.answer(id, body, OffsetDateTime.now());
        try {
            // run the original request again with the answer in: its care-side records are written now even if the
            // caller stopped waiting (idempotent by msgid: a caller that got there first has stored the same answer)
            node.handleJson(request.get().request());
        } finally {
            // then wake whoever waits for it: they find the answer stored instead of racing this run for it
            care.answered(id);
        }
    }

    private void reply(String to, String id, String answer) {
        transport.send(to, CrossRegionTransport.ANSWER, id, answer);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String body) {
        try {
            return NodeJson.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new IllegalArgumentException("cross-region body is not JSON", e);
        }
    }
}
