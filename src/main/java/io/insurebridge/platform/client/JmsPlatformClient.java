package io.insurebridge.platform.client;

import java.util.UUID;

import org.apache.camel.Exchange;
import java.util.UUID;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsConstants;

import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;

/**
 * Request-reply over the broker: the JSON envelope goes to the eligibility queue (1101) or the settlement queue
 * (everything else) as a persistent message, and the answer comes back on this instance's own fixed reply queue
 * ({@code replyToType=Exclusive}: no temporary queue per request, traps.md).
 * <p>
 * The request has no time-to-live: after a timeout it stays on the durable queue and may still be processed, which
 * is why a timeout means "pending": the gateway asks again with the same msgid (the node answers a repeated msgid
 * from its store) or reverses it with 2601.
 */
public class JmsPlatformClient implements PlatformClient {

    /** Artemis duplicate-detection property. */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final ProducerTemplate producer;
    private final String eligibilityQueue;
    private final String settlementQueue;
    private final String replyQueue;
    private final long timeoutMillis;
    private final String endpoint;

    public JmsPlatformClient(ProducerTemplate producer, String eligibilityQueue, String settlementQueue,
                             PlatformProperties properties) {
        this.producer = producer;
        this.eligibilityQueue = eligibilityQueue;
        this.settlementQueue = settlementQueue;
        this.replyQueue = properties.replyQueue() == null || properties.replyQueue().isBlank()
                ? "insurance.platform.replies." + UUID.randomUUID()
                : properties.replyQueue();
        this.timeoutMillis = properties.timeout().toMillis();
        this.endpoint = endpoint();
    }

    @Override
    public PlatformResponse call(PlatformRequest request) {
        String json = PlatformJson.write(request);
        Exchange answer = producer.send(endpoint, ExchangePattern.InOut, exchange -> {
            exchange.getIn().setBody(json);
            exchange.getIn().setHeader(JmsConstants.JMS_DESTINATION_NAME, queueFor(request.infno()));
            exchange.getIn().setHeader("infno", request.infno());
            exchange.getIn().setHeader("msgid", request.msgid());
            // unique per send: a transaction asked again with the same msgid must reach the node, which answers
            // a repeated msgid from its store; the broker still drops a client-side resend of this very send
            exchange.getIn().setHeader(DUPLICATE_ID, request.msgid() + "/" + UUID.randomUUID());
        });
        Exception failure = answer.getException();
        if (failure != null) {
            if (causedBy(failure, ExchangeTimedOutException.class)) {
                throw new PlatformTimeoutException(request.msgid(), request.infno(), request.infno() + " "
                        + request.msgid() + ": no answer within " + timeoutMillis + " ms", failure);
            }
            throw new PlatformUnavailableException(request.msgid(), request.infno() + " " + request.msgid()
                    + " could not be sent: " + failure.getMessage(), failure);
        }
        String body = answer.getMessage().getBody(String.class);
        if (body == null || body.isBlank()) {
            throw new PlatformTimeoutException(request.msgid(), request.infno(), "empty answer to " + request.msgid());
        }
        return PlatformJson.read(body, PlatformResponse.class);
    }

    public String replyQueue() { return replyQueue; }

    String queueFor(String infno) {
        return "1101".equals(infno) ? eligibilityQueue : settlementQueue;
    }

    /**
     * One endpoint for both queues (the destination comes per message from a header): every endpoint has its own
     * reply manager, and two of them on one exclusive reply queue would take each other's replies.
     */
    private String endpoint() {
        return "jms:queue:" + settlementQueue
                + "?exchangePattern=InOut"
                + "&replyTo=" + replyQueue
                + "&replyToType=Exclusive"
                + "&requestTimeout=" + timeoutMillis
                + "&deliveryPersistent=true"
                + "&disableTimeToLive=true";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
