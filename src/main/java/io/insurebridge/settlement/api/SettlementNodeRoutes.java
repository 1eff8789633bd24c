package io.insurebridge.settlement.api;

import io.insurebridge.settlement.AwaitingRemote;
import io.insurebridge.settlement.SettlementNode;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.AsyncProcessorSupport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node behind the queues: a JSON request envelope in the body, the JSON response envelope as the reply
 * (JMS reply-to, Camel answers InOut exchanges itself). Idempotency is the node's: a redelivered msgid gets the
 * stored answer from the database, so no idempotent consumer is needed in front (one that skipped a duplicate
 * would reply with the request instead of the stored answer).
 * <p>
 * A request waiting for a peer settlement node (cross-region, {@link AwaitingRemote}) does not hold a consumer: the
 * consumers are asynchronous, the reply is sent once the peer's answer is in (the request runs again on a small
 * pool) or, after the wait, "pending"; meanwhile the consumer takes the next request.
 */
@Component
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class SettlementNodeRoutes extends RouteBuilder {
    static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /**
     * CLIENT_ACKNOWLEDGE: Spring's listener container acknowledges when the listener returns, i.e. after the answer
     * is sent. With the default AUTO_ACKNOWLEDGE the request left the queue when it was received, so a node killed
     * mid-request lost it (the gateway then only learnt "pending"); now the broker redelivers it and the node
     * answers it once. A request deferred for a peer node returns early and is acknowledged then: its wait is
     * recorded in crossregion_request, and a HIS resend asks again.
     */
    static final String CONSUMER_OPTIONS = "?concurrentConsumers={{insurebridge.node.concurrent-consumers:4}}"
            + "&acknowledgementModeName=CLIENT_ACKNOWLEDGE&asyncConsumer=true";

    private final SettlementNode node;

    public SettlementNodeRoutes(SettlementNode node) {
        this.node = node;
    }

    @Override
    public void configure() {
        ExecutorService rerun = getCamelContext().getExecutorServiceManager().newThreadPool(this,
                "node-answered-by-peer", 1, 4);
        from("jms:queue:{{insurebridge.queues.eligibility}}" + CONSUMER_OPTIONS)
                .routeId("node-eligibility")
                .process(new Answer(rerun));
        from("jms:queue:{{insurebridge.queues.settlement}}" + CONSUMER_OPTIONS)
                .routeId("node-settlement")
                .process(new Answer(rerun));
    }

    /** Answers at once, or (waiting for a peer node) later without holding the consumer's thread. */
    private final class Answer extends AsyncProcessorSupport {
        private final ExecutorService rerun;

        Answer(ExecutorService rerun) {
            this.rerun = rerun;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            org.apache.camel.Message message = exchange.getMessage();
            String body = message.getBody(String.class);
            AwaitingRemote.Deferred deferred;
            try {
                deferred = AwaitingRemote.deferring(() -> node.handleJson(body));
            } catch (RuntimeException e) {
                exchange.setException(e);
                callback.done(true);
                return true;
            }
            if (!deferred.waiting()) {
                reply(message, deferred.answer());
                callback.done(true);
                return true;
            }
            // a copy: the timeout must not complete the future other requests of the same msgid wait for
            deferred.answered().copy().orTimeout(deferred.maxWait().toMillis(), TimeUnit.MILLISECONDS)
                    .whenCompleteAsync((answered, timedOut) -> {
                        try {
                            reply(message, timedOut == null ? node.handleJson(body) : deferred.answer());
                        } catch (RuntimeException e) {
                            exchange.setException(e);
                        } finally {
                            callback.done(false);
                        }
                    }, rerun);
            return false;
        }
    }

    private static void reply(org.apache.camel.Message message, String reply) {
        // the reply inherits the request's headers: a sender's Artemis duplicate id (= msgid) must not travel
        // with it, or a later reply for the same msgid to the same reply queue would be dropped by the broker
        message.removeHeader(ARTEMIS_DUPLICATE_ID);
        message.setBody(reply);
    }
}
