package io.insurebridge.circulation;

/**
 * Where circulation tells the world what happened; the fan-out to agencies (topic insurance.events) provides its
 * own bean. The default only logs (no personal data: numbers and codes only).
 */
public interface PrescriptionEvents {

    void publish(PrescriptionEvent event);
}
