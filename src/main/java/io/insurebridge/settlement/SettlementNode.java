package io.insurebridge.settlement;

import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.policy.PolicyRefusal;
import io.insurebridge.settlement.state.ProcessedRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settlement node: answers national-platform envelopes (1101, 2201-2208, 2601) for its coordination area.
 * Every answer is stored with its msgid in the same database transaction as the state it changed, so any repeated
 * msgid (JMS redelivery, HTTP retry) gets the stored answer and changes nothing, whatever the transport.
 */
@Service
public class SettlementNode {
    private static final Logger log = LoggerFactory.getLogger(SettlementNode.class);

    private final Map<String, NodeTransaction> transactions = new HashMap<>();
    private final MappingSource mappings;
    private final ProcessedRequests processed;
    private final Envelopes envelopes;
    private final NodeProperties properties;
    private final TransactionTemplate tx;
    private final List<NodeHook> hooks;
    private final ObjectProvider<OffSite> offSite;

    public SettlementNode(List<NodeTransaction> handlers, MappingSource mappings, ProcessedRequests processed,
                          Envelopes envelopes, NodeProperties properties, PlatformTransactionManager txManager,
                          ObjectProvider<NodeHook> hooks, ObjectProvider<OffSite> offSite) {
        handlers.forEach(h -> h.infnos().forEach(infno -> transactions.put(infno, h)));
        this.mappings = mappings;
        this.processed = processed;
        this.envelopes = envelopes;
        this.properties = properties;
        this.tx = new TransactionTemplate(txManager);
        this.hooks = hooks.orderedStream().toList();
        this.offSite = offSite;
    }

    public PlatformResponse handle(PlatformRequest request) {
        return NodeJson.response(answer(request, envelopes.now()));
    }

    /** The transports' entry: JSON envelope in, JSON envelope out; a body that is no envelope gets infcode -1. */
    public String handleJson(String body) {
        OffsetDateTime received = envelopes.now();
        PlatformRequest request;
        try {
            request = NodeJson.request(body);
        } catch (Exception e) {
            return NodeJson.write(envelopes.failure(received, "Malformed request: the body is not a JSON request "
                    + "envelope (" + firstLine(e.getMessage()) + ")"));
        }
        try {
            return answer(request, received);
        } catch (RuntimeException e) {
            // e.g. the database is unreachable before the request's transaction starts: still answer the sender
            log.error("msgid {} infno {} failed", request == null ? null : request.msgid(),
                    request == null ? null : request.infno(), e);
            return NodeJson.write(envelopes.failure(received, "Settlement node internal error; please retry"));
        }
    }

    private String answer(PlatformRequest request, OffsetDateTime received) {
        if (request == null || blank(request.infno()) || blank(request.msgid())) {
            return NodeJson.write(envelopes.failure(received, "Malformed request: infno and msgid are required"));
        }
        String stored = processed.response(request.msgid()).orElse(null);
        if (stored != null) {
            return stored;
        }
        NodeTransaction handler = transactions.get(request.infno());
        if (handler == null) {
            return refuse(request, null, received, "Transaction " + request.infno()
                    + " is not served by this settlement node");
        }
        OffSite remote = offSite.getIfAvailable();
        NodeCall call = new NodeCall(request, remote == null ? mappings.current() : remote.mappings(mappings.current()),
                received, properties.zone());
        boolean waited = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> execute(handler, call));
            } catch (AlreadyAnswered answered) {
                return answered.response();
            } catch (AwaitingRemote awaiting) {
                // a peer node answers this one: wait outside the transaction, then run it again with the answer
                if (!waited && awaiting.await()) {
                    waited = true;
                    continue;
                }
                return NodeJson.write(envelopes.failure(received, awaiting.getMessage()));
            } catch (PolicyRefusal refusal) {
                return refuse(request, call, received, refusal.getMessage());
            } catch (DuplicateKeyException duplicate) {
                // a copy of this msgid committed between our check and our insert: its answer stands
                stored = processed.response(request.msgid()).orElse(null);
                if (stored != null) {
                    return stored;
                }
                log.warn("msgid {} infno {}: conflicting write", request.msgid(), request.infno(), duplicate);
                return NodeJson.write(envelopes.failure(received, "Conflicting concurrent request; please retry"));
            } catch (TransientDataAccessException busy) {
                if (attempt <= properties.lockRetries()) {
                    continue; // the person's lock was busy for too long: try again, nothing was written
                }
                log.warn("msgid {} infno {}: gave up after {} attempts", request.msgid(), request.infno(), attempt, busy);
                return NodeJson.write(envelopes.failure(received, "Settlement node busy; please retry"));
            } catch (RuntimeException e) {
                log.error("msgid {} infno {} failed", request.msgid(), request.infno(), e);
                // not stored: a retry of this msgid may succeed once the cause is gone
                return NodeJson.write(envelopes.failure(received, "Settlement node internal error; please retry"));
            }
        }
    }

    private String execute(NodeTransaction handler, NodeCall call) {
        hooks.forEach(h -> h.before(call));
        NodeTransaction.Outcome outcome = handler.execute(call);
        String json = NodeJson.write(envelopes.success(call.receivedAt(), outcome.output(), outcome.warning()));
        if (!processed.recordIfAbsent(call.msgid(), call.infno(), PlatformResponse.SUCCESS, json, envelopes.now())) {
            throw new AlreadyAnswered(processed.response(call.msgid()).orElseThrow());
        }
        hooks.forEach(h -> h.answered(call, outcome));
        return json;
    }

    /** A refusal is an answer too: stored, so the same msgid is refused the same way again. */
    private String refuse(PlatformRequest request, NodeCall call, OffsetDateTime received, String message) {
        String json = NodeJson.write(envelopes.failure(received, message));
        // recorded and handed to the hooks in one transaction: a refusal is announced once, with its answer
        boolean recorded = Boolean.TRUE.equals(tx.execute(status -> {
            if (!processed.recordIfAbsent(request.msgid(), request.infno(), PlatformResponse.FAILURE, json,
                    envelopes.now())) {
                return false;
            }
            if (call != null) {
                hooks.forEach(h -> h.refused(call, message));
            }
            return true;
        }));
        return recorded ? json : processed.response(request.msgid()).orElse(json);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
