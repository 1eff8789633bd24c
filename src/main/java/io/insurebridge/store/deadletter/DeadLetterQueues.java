package io.insurebridge.store.deadletter;

import io.insurebridge.config.QueueNames;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Names of the dead-letter queues: the broker moves a message of queue Q to DLQ.Q after its last attempt. */
public final class DeadLetterQueues {

    public static final String PREFIX = "DLQ.";

    private DeadLetterQueues() {}

    public static String of(String queue) {
        return PREFIX + queue;
    }

    /** The configured queues, or every queue the product declares. */
    public static Set<String> watched(DeadLetterProperties props, QueueNames names) {
        if (!props.queues().isEmpty()) {
            return new LinkedHashSet<>(props.queues());
        }
        return new LinkedHashSet<>(List.of(names.registration(), names.charges(), names.prescription(),
                names.eligibility(), names.settlement()));
    }
}
