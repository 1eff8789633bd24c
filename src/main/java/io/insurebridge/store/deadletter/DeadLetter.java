package io.insurebridge.store.deadletter;

import java.time.OffsetDateTime;
import java.util.Map;

/** One message the broker dead-lettered, as stored (status DEAD until re-driven, then RETRIED). */
public record DeadLetter(long id, String originalQueue, String deadQueue, String jmsMessageId, Integer deliveryCount,
                         String reason, Map<String, String> headers, String body, String status,
                         OffsetDateTime deadAt, OffsetDateTime retriedAt, int retryCount) {

    public static final String DEAD = "DEAD";
    public static final String RETRIED = "RETRIED";
}
