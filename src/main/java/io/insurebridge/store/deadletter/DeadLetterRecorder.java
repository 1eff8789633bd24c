package io.insurebridge.store.deadletter;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores one message taken from a DLQ.* queue. Runs in the consumer's JMS transaction: if the insert fails the
 * message goes back to its DLQ, never lost.
 */
@Component("deadLetterRecorder")
public class DeadLetterRecorder implements Processor {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterRecorder.class);
    public static final String ORIGINAL_QUEUE_PROPERTY = "insurebridgeOriginalQueue";

    private final DeadLetterStore store;
    private final FailureReasons reasons;

    public DeadLetterRecorder(DeadLetterStore store, FailureReasons reasons) {
        this.store = store;
        this.reasons = reasons;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String queue = exchange.getProperty(ORIGINAL_QUEUE_PROPERTY, String.class);
        String origQueue = in.getHeader("_AMQ_ORIG_QUEUE", String.class);
        String original = origQueue != null ? origQueue : queue;
        Integer attempts = in.getHeader("JMSXDeliveryCount", Integer.class);
        String jmsId = in.getHeader("JMSMessageID", String.class);
        String reason = reasons.lastFailure(jmsId)
                .map(r -> "gave up after the broker's delivery attempts; last error: " + r)
                .orElse("gave up after the broker's delivery attempts on " + original);
        Map<String, String> headers = new LinkedHashMap<>();
        in.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) {
                headers.put(k, String.valueOf(v));
            }
        });
        long id = store.insert(original, DeadLetterQueues.of(queue), jmsId, attempts, reason, headers,
                in.getBody(String.class));
        // no body in the log: it carries personal data
        log.warn("dead letter #{} from {} stored: {}", id, original, reason);
    }
}
