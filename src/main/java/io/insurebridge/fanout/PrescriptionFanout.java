package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.circulation.PrescriptionEvent;
import io.insurebridge.circulation.PrescriptionEvents;
import io.insurebridge.settlement.NodeJson;
import org.springframework.stereotype.Component;

/**
 * Prescription events of circulation reach the agencies like every other event: through the outbox and the
 * events topic, as type "prescription" (the circulation status is in "prescription_event").
 */
@Component
public class PrescriptionFanout implements PrescriptionEvents {

    private final Outbox outbox;

    public PrescriptionFanout(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void publish(PrescriptionEvent e) {
        // one event per prescription and status: a repeat of the same status is not published again
        String eventId = "rx-" + e.hiRxno() + "-" + e.type()
                + (e.hiRxno() == null ? "-" + java.util.UUID.randomUUID() : "");   // a forgery has no number
        ObjectNode event = NodeJson.object();
        event.put("event_id", eventId);
        event.put("event_type", EventType.PRESCRIPTION);
        event.put("prescription_event", e.type());
        event.put("occurred_at", e.at().toString());
        event.put("hi_rxno", e.hiRxno());
        event.put("fixmedins_code", e.institutionCode());
        event.put("pharmacy_code", e.pharmacyCode());
        event.put("detail", e.detail());
        outbox.add(eventId, EventType.PRESCRIPTION, NodeJson.write(event));
    }
}
