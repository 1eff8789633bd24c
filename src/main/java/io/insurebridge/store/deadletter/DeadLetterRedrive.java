package io.insurebridge.store.deadletter;

import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a dead letter back to its original queue with its own headers, minus the broker's and JMS's bookkeeping
 * (an old duplicate-detection id would make the broker drop the re-sent copy).
 */
@Component
public class DeadLetterRedrive {

    private final DeadLetterStore store;
    private final ProducerTemplate producer;

    public DeadLetterRedrive(DeadLetterStore store, ProducerTemplate producer) {
        this.store = store;
        this.producer = producer;
    }

    public enum Result { RETRIED, NOT_FOUND, ALREADY_RETRIED }

    public Result retry(long id) {
        DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return Result.NOT_FOUND;
        }
        if (!store.markRetried(id)) {
            return Result.ALREADY_RETRIED;
        }
        try {
            producer.sendBodyAndHeaders("jms:queue:" + letter.originalQueue(), ExchangePattern.InOnly, letter.body(),
                    resendHeaders(letter.headers()));
        } catch (RuntimeException e) {
            store.markDead(id);   // not re-sent: leave it retryable
            throw e;
        }
        return Result.RETRIED;
    }

    static Map<String, Object> resendHeaders(Map<String, String> stored) {
        Map<String, Object> headers = new LinkedHashMap<>();
        stored.forEach((k, v) -> {
            if (!k.startsWith("_AMQ") && !k.startsWith("JMS") && !k.startsWith("Camel")) {
                headers.put(k, v);
            }
        });
        return headers;
    }
}
