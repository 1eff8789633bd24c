package io.insurebridge.inbound.hl7;

import org.apache.camel.ExchangePattern;
import org.apache.camel.ExchangeTimedOutException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsConstants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Request-reply of the front door over the durable inbound queue: the message is persisted on the queue, the
 * processing consumer answers with the final ACK, and the MLLP connection waits at most the reply timeout. No
 * answer in time is not a failure: the message stays on its queue and the HIS is told "pending".
 */
@Component
public class ProcessingRequester {

    /** Which front door's processing a queued message needs: HL7v2 (default when absent) or FHIR. */
    public static final String HEADER_PROTOCOL = "InsureBridgeProtocol";
    public static final String PROTOCOL_HL7 = "HL7v2";

    private final ProducerTemplate producer;
    private final String replyQueue;
    private final String endpointUri;

    public ProcessingRequester(ProducerTemplate producer,
                               @Value("${insurebridge.hl7.reply-queue:}") String replyQueue,
                               @Value("${insurebridge.hl7.reply-timeout:30s}") Duration timeout) {
        this.producer = producer;
        this.replyQueue = replyQueue == null || replyQueue.isBlank()
                ? "hl7.replies." + UUID.randomUUID().toString().substring(0, 8) : replyQueue;
        // disableTimeToLive: the reply timeout must not become the request's expiry — a request the HIS stopped
        // waiting for is still processed, and its result stored for the HIS's next try
        this.endpointUri = "jms:queue:inbound?replyTo=" + this.replyQueue + "&replyToType=Exclusive&requestTimeout="
                + timeout.toMillis() + "&disableTimeToLive=true";
    }

    /** The final ACK, or empty when the processing did not answer within the timeout. */
    public Optional<String> request(String queue, long messageId, String connector, String messageType, String raw) {
        return request(queue, messageId, connector, messageType, raw, PROTOCOL_HL7);
    }

    /** The same for a front door of another protocol; the consumer dispatches by the protocol header. */
    public Optional<String> request(String queue, long messageId, String connector, String messageType, String raw,
                                    String protocol) {
        try {
            // one endpoint (one reply manager) for every queue: two managers on one exclusive reply queue would
            // take each other's replies; the destination is chosen per message
            Object reply = producer.sendBodyAndHeaders(endpointUri, ExchangePattern.InOut, raw, Map.of(
                    JmsConstants.JMS_DESTINATION_NAME, queue,
                    QueueSender.HEADER_MESSAGE_ID, messageId,
                    QueueSender.HEADER_CONNECTOR, connector,
                    QueueSender.HEADER_MESSAGE_TYPE, messageType,
                    HEADER_PROTOCOL, protocol,
                    // unique per ask: a HIS resend of a pending message asks again and must reach the processing
                    // (a fixed id made the broker drop it as a duplicate and the HIS waited out the reply timeout)
                    "_AMQ_DUPL_ID", "msg-" + messageId + "-ask-" + UUID.randomUUID()));
            return Optional.ofNullable(reply).map(Object::toString);
        } catch (org.apache.camel.CamelExecutionException e) {
            if (e.getCause() instanceof ExchangeTimedOutException) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
