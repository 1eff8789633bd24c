package io.insurebridge.settlement.api;

import io.insurebridge.settlement.SettlementNode;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The node behind the queues: a JSON request envelope in the body, the JSON response envelope as the reply
 * (JMS reply-to, Camel answers InOut exchanges itself). Idempotency is the node's: a redelivered msgid gets the
 * stored answer from the database, so no idempotent consumer is needed in front (one that skipped a duplicate
 * would reply with the request instead of the stored answer).
 */
@Component
@ConditionalOnProperty(name = "insurebridge.roles.node", havingValue = "true", matchIfMissing = true)
public class SettlementNodeRoutes extends RouteBuilder {
    static final String ARTEMIS_DUPLICATE_ID = "_AMQ_DUPL_ID";
    /**
     * CLIENT_ACKNOWLEDGE: Spring's listener container acknowledges after the answer is sent. With the default
     * AUTO_ACKNOWLEDGE the request left the queue when it was received, so a node killed mid-request lost it
     * (the gateway then only learnt "pending"); now the broker redelivers it and the node answers it once.
     */
    static final String CONSUMER_OPTIONS = "?concurrentConsumers={{insurebridge.node.concurrent-consumers:4}}"
            + "&acknowledgementModeName=CLIENT_ACKNOWLEDGE";

    private final SettlementNode node;

    public SettlementNodeRoutes(SettlementNode node) {
        this.node = node;
    }

    @Override
    public void configure() {
        from("jms:queue:{{insurebridge.queues.eligibility}}" + CONSUMER_OPTIONS)
                .routeId("node-eligibility")
                .process(exchange -> answer(exchange.getMessage()));
        from("jms:queue:{{insurebridge.queues.settlement}}" + CONSUMER_OPTIONS)
                .routeId("node-settlement")
                .process(exchange -> answer(exchange.getMessage()));
    }

    private void answer(org.apache.camel.Message message) {
        String reply = node.handleJson(message.getBody(String.class));
        // the reply inherits the request's headers: a sender's Artemis duplicate id (= msgid) must not travel
        // with it, or a later reply for the same msgid to the same reply queue would be dropped by the broker
        message.removeHeader(ARTEMIS_DUPLICATE_ID);
        message.setBody(reply);
    }
}
