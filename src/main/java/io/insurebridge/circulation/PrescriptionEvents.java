package io.insurebridge.circulation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Where circulation tells the world what happened. Every PrescriptionEvents bean receives every event: the
 * fan-out to agencies (topic insurance.events) adds its own bean; the default one only logs (numbers and codes,
 * no personal data).
 */
public interface PrescriptionEvents {

    void publish(PrescriptionEvent event);

    /** One publisher for all; a failing subscriber is logged and does not stop the others or the flow. */
    static PrescriptionEvents all(List<PrescriptionEvents> subscribers) {
        Logger log = LoggerFactory.getLogger(PrescriptionEvents.class);
        List<PrescriptionEvents> copy = List.copyOf(subscribers);
        return event -> copy.forEach(s -> {
            try {
                s.publish(event);
            } catch (RuntimeException e) {
                log.warn("prescription event {} not published to {}: {}", event.type(), s.getClass().getName(), e.toString());
            }
        });
    }
}
