package io.insurebridge.inbound;

import io.insurebridge.inbound.fhir.FhirProcessing;
import io.insurebridge.inbound.hl7.Hl7Processing;
import io.insurebridge.inbound.hl7.ProcessingRequester;
import io.insurebridge.store.MessageStore;
import io.insurebridge.store.StoredMessage;
import org.springframework.stereotype.Component;

/**
 * The one consumer behind the inbound queues: dispatches a stored message to the processing of the protocol it
 * came in (header InsureBridgeProtocol; when absent, the protocol it was stored with; HL7v2 by default).
 */
@Component("inboundProcessing")
public class InboundProcessing {

    public static final String PROTOCOL_FHIR = "FHIR";
    /** Start of the reason a front door stores when it could not hand a message to its queue. */
    public static final String NOT_ENQUEUED = "could not enqueue on ";

    private final MessageStore store;
    private final Hl7Processing hl7;
    private final FhirProcessing fhir;

    public InboundProcessing(MessageStore store, Hl7Processing hl7, FhirProcessing fhir) {
        this.store = store;
        this.hl7 = hl7;
        this.fhir = fhir;
    }

    /** Processes message #id and returns its final answer (HL7 ACK, or the FHIR response resource as JSON). */
    public String process(String protocol, long id) {
        String p = protocol == null || protocol.isBlank()
                ? store.find(id).map(StoredMessage::protocol).orElse(ProcessingRequester.PROTOCOL_HL7) : protocol;
        return PROTOCOL_FHIR.equals(p) ? fhir.process(id) : hl7.process(id);
    }

}
