package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.inbound.connector.ConnectorDefinition;
import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.model.Prescription;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.JsonFields;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.gateway.TracedPlatform;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hospital side of e-prescription circulation: check, upload (7101), sign, put on the circulation queue per
 * pharmacy connector; pharmacies' reports forwarded as 7102 / 7103; hospital cancel (7104); expiry.
 */
public class PrescriptionCirculation implements PrescriptionIntake {

    private static final Logger log = LoggerFactory.getLogger(PrescriptionCirculation.class);
    public static final String CONNECTOR_HEADER = "InsureBridgePharmacyConnector";
    public static final String HI_RXNO_HEADER = "InsureBridgeHiRxno";
    private static final Set<String> REVIEW_EVENTS = Set.of(PrescriptionStore.REVIEWED, PrescriptionStore.REVIEW_REFUSED);
    private static final Set<String> DISPENSE_EVENTS = Set.of(PrescriptionStore.DISPENSED, PrescriptionStore.DELIVERED);

    private final MappingSource mappings;
    private final CodeFormats formats;
    private final CirculationProperties properties;
    private final EnvelopeFactory envelopes;
    private final TracedPlatform platform;
    private final SigningKeys keys;
    private final PrescriptionStore store;
    private final PharmacyTargets targets;
    private final ProducerTemplate producer;
    private final PrescriptionEvents events;
    private final Clock clock;
    private volatile PharmacySettlement settlement;

    public PrescriptionCirculation(MappingSource mappings, CodeFormats formats, CirculationProperties properties,
                                   EnvelopeFactory envelopes, TracedPlatform platform, SigningKeys keys,
                                   PrescriptionStore store, PharmacyTargets targets, ProducerTemplate producer,
                                   PrescriptionEvents events, Clock clock) {
        this.mappings = mappings;
        this.formats = formats;
        this.properties = properties;
        this.envelopes = envelopes;
        this.platform = platform;
        this.keys = keys;
        this.store = store;
        this.targets = targets;
        this.producer = producer;
        this.events = events;
        this.clock = clock;
    }

    /** Settlement of dispensed drugs with the pharmacy (wired by the configuration; without it nothing is settled). */
    public void settleWith(PharmacySettlement settlement) {
        this.settlement = settlement;
    }

    /** The envelope's signature, shared with the pharmacy settlement. */
    PlatformRequest sign(PlatformRequest r) {
        return signed(r);
    }

    @Override
    public PrescriptionReceipt submit(long messageId, Prescription rx) {
        MappingSnapshot snapshot = mappings.current();
        Institution institution = snapshot.institution(rx.institutionCode()).orElse(null);
        if (institution == null) {
            return PrescriptionReceipt.refused("institution " + rx.institutionCode() + " is not designated");
        }
        List<String> problems = new ArrayList<>(PrescriptionCheck.problems(rx, snapshot, formats, properties));
        List<ConnectorDefinition> to = targets.targets(rx.pharmacyCode(), institution.admdvs(), snapshot);
        if (problems.isEmpty() && to.isEmpty()) {
            problems.add(rx.pharmacyCode() != null
                    ? "chosen pharmacy " + rx.pharmacyCode() + " is not connected"
                    : "no designated pharmacy of area " + institution.admdvs() + " is connected");
        }
        if (!problems.isEmpty()) {
            return PrescriptionReceipt.refused(String.join("; ", problems));
        }
        PlatformResponse uploaded;
        try {
            uploaded = platform.send(signed(envelopes.build("7101", institution.code(), institution.admdvs(), null,
                    PrescriptionInputs.upload7101(rx))), traceKey(rx));
        } catch (PlatformRejectedException e) {
            return PrescriptionReceipt.refused(e.errMsg());
        }
        JsonNode data = uploaded.output() == null ? PlatformJson.object() : uploaded.output().path("data");
        String hiRxno = JsonFields.text(data, "hi_rxno");
        String traceCode = JsonFields.text(data, "rx_trace_code");
        OffsetDateTime now = OffsetDateTime.now(clock);
        LocalDateTime prescribed = rx.prescribedAt() == null ? LocalDateTime.now(clock) : rx.prescribedAt();
        LocalDateTime validUntil = prescribed.plusDays(rx.validDays());
        String payload = PlatformJson.write(SignedPrescription.build(rx, institution, hiRxno, traceCode, validUntil, keys));
        List<String> pharmacies = to.stream().map(PharmacyTargets::pharmacyOf).toList();
        if (store.find(hiRxno).isPresent()) {
            return PrescriptionReceipt.accepted(hiRxno, traceCode, pharmacies);   // redelivered: already circulating
        }
        store.insertIfAbsent(new CirculatedPrescription(hiRxno, traceCode, institution.code(), rx.hospRxNo(),
                messageId, rx.pharmacyCode(), PrescriptionStore.UPLOADED,
                validUntil.atZone(clock.getZone()).toOffsetDateTime(), payload, now, now));
        store.history(hiRxno, PrescriptionStore.UPLOADED, institution.code(), "7101 accepted, trace " + traceCode, now);
        for (ConnectorDefinition c : to) {
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(CONNECTOR_HEADER, c.name());
            headers.put(HI_RXNO_HEADER, hiRxno);
            headers.put("_AMQ_DUPL_ID", hiRxno + ":" + c.name());
            producer.sendBodyAndHeaders("jms:queue:" + properties.queue() + "?exchangePattern=InOnly", payload, headers);
            store.history(hiRxno, "QUEUED", c.name(), "for pharmacy " + PharmacyTargets.pharmacyOf(c), now);
        }
        events.publish(new PrescriptionEvent("prescription.uploaded", hiRxno, institution.code(), rx.pharmacyCode(),
                "to " + pharmacies, now));
        log.info("prescription {} of {} uploaded as {}, circulating to {}", rx.hospRxNo(), institution.code(), hiRxno,
                pharmacies);
        return PrescriptionReceipt.accepted(hiRxno, traceCode, pharmacies);
    }

    /**
     * A pharmacy's report (REVIEWED, REVIEW_REFUSED, DISPENSED, DELIVERED), forwarded to the platform as 7102 or
     * 7103; the hospital's status follows only what the platform accepted.
     */
    public Outcome report(String hiRxno, String pharmacy, String event, String detail) {
        return report(hiRxno, pharmacy, event, detail, null);
    }

    /**
     * A report; for DISPENSED / DELIVERED with dispensed lines the drugs are then settled with the pharmacy (2102).
     * A repeated dispensing report of the same pharmacy is not sent again: it settles only what is not settled yet.
     */
    public Outcome report(String hiRxno, String pharmacy, String event, String detail, DispensedDrugs dispensed) {
        CirculatedPrescription rx = require(hiRxno);
        if (DISPENSE_EVENTS.contains(event) && DISPENSE_EVENTS.contains(rx.status())
                && pharmacy != null && pharmacy.equals(dispensingPharmacy(hiRxno))) {
            return settle(rx, pharmacy, rx.status(), dispensed);
        }
        ObjectNode input;
        String infno;
        if (REVIEW_EVENTS.contains(event)) {
            infno = "7102";
            input = PrescriptionInputs.review7102(hiRxno, pharmacy, PrescriptionStore.REVIEWED.equals(event), detail);
        } else if (DISPENSE_EVENTS.contains(event)) {
            infno = "7103";
            input = PrescriptionInputs.dispensing7103(hiRxno, pharmacy, PrescriptionStore.DELIVERED.equals(event), detail);
        } else {
            throw new IllegalArgumentException("event '" + event + "' must be one of REVIEWED, REVIEW_REFUSED,"
                    + " DISPENSED, DELIVERED");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        try {
            send(infno, rx, input);
        } catch (PlatformRejectedException e) {
            store.history(hiRxno, "REPORT_REFUSED", pharmacy, event + ": " + e.errMsg(), now);
            return Outcome.refused(rx.status(), e.errMsg());
        }
        store.setStatus(hiRxno, event, now);
        store.history(hiRxno, event, pharmacy, detail, now);
        events.publish(new PrescriptionEvent("prescription." + event.toLowerCase().replace('_', '-'), hiRxno,
                rx.institutionCode(), pharmacy, detail, now));
        if (DISPENSE_EVENTS.contains(event)) {
            return settle(rx, pharmacy, event, dispensed);
        }
        return Outcome.ok(event);
    }

    /** The dispensing is recorded; the drugs are settled when lines were reported (a refusal is kept, not fatal). */
    private Outcome settle(CirculatedPrescription rx, String pharmacy, String status, DispensedDrugs dispensed) {
        if (settlement == null || ((dispensed == null || !dispensed.settles())
                && store.settlement(rx.hiRxno()).isEmpty())) {
            return Outcome.ok(status);
        }
        PharmacySettlement.Result result = settlement.settle(rx, pharmacy,
                dispensed == null ? new DispensedDrugs(List.of(), null, null) : dispensed);
        return new Outcome(true, status, result.errMsg(), result.output());
    }

    /** The pharmacy whose dispensing the hospital recorded (history), if any. */
    private String dispensingPharmacy(String hiRxno) {
        return store.history(hiRxno).stream()
                .filter(h -> DISPENSE_EVENTS.contains(String.valueOf(h.get("status"))))
                .map(h -> String.valueOf(h.get("actor"))).findFirst().orElse(null);
    }

    /** Hospital cancel (7104): allowed until a pharmacy dispensed. */
    public Outcome cancel(String hiRxno, String reason) {
        CirculatedPrescription rx = require(hiRxno);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (Set.of(PrescriptionStore.DISPENSED, PrescriptionStore.DELIVERED).contains(rx.status())) {
            return Outcome.refused(rx.status(), "prescription " + hiRxno + " was already dispensed: it can no longer be cancelled");
        }
        try {
            send("7104", rx, PrescriptionInputs.cancel7104(hiRxno, reason));
        } catch (PlatformRejectedException e) {
            store.history(hiRxno, "CANCEL_REFUSED", rx.institutionCode(), e.errMsg(), now);
            return Outcome.refused(rx.status(), e.errMsg());
        }
        store.setStatus(hiRxno, PrescriptionStore.CANCELLED, now);
        store.history(hiRxno, PrescriptionStore.CANCELLED, rx.institutionCode(), reason, now);
        events.publish(new PrescriptionEvent("prescription.cancelled", hiRxno, rx.institutionCode(), null, reason, now));
        return Outcome.ok(PrescriptionStore.CANCELLED);
    }

    /** The platform's view (7105): rx_stas, pharmacy, validity, payment status. */
    public JsonNode platformStatus(String hiRxno) {
        CirculatedPrescription rx = require(hiRxno);
        PlatformResponse answer = send("7105", rx, PrescriptionInputs.query7105(hiRxno));
        return answer.output() == null ? PlatformJson.object() : answer.output().path("data");
    }

    /** A pharmacy refused a payload whose signature did not verify: kept for supervision and published. */
    public long reportTampered(String pharmacy, String hiRxno, String reason, String payload) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = store.tamperReport(hiRxno, pharmacy, reason, payload, now);
        String institution = null;
        if (hiRxno != null && store.find(hiRxno).isPresent()) {
            institution = store.find(hiRxno).get().institutionCode();
            store.history(hiRxno, "TAMPERED", pharmacy, reason, now);
        }
        events.publish(new PrescriptionEvent(PrescriptionEvent.TAMPERED, hiRxno, institution, pharmacy, reason, now));
        log.warn("pharmacy {} refused a tampered prescription {} (report #{}): {}", pharmacy, hiRxno, id, reason);
        return id;
    }

    /** Marks every open prescription past its validity EXPIRED; returns how many. */
    public int expireDue() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        int expired = 0;
        for (CirculatedPrescription rx : store.openExpiredBefore(now)) {
            if (store.expire(rx.hiRxno(), now)) {
                store.history(rx.hiRxno(), PrescriptionStore.EXPIRED, "expiry", "valid until " + rx.validUntil(), now);
                events.publish(new PrescriptionEvent("prescription.expired", rx.hiRxno(), rx.institutionCode(), null,
                        null, now));
                expired++;
            }
        }
        return expired;
    }

    private PlatformResponse send(String infno, CirculatedPrescription rx, ObjectNode input) {
        Institution institution = mappings.current().institution(rx.institutionCode()).orElseThrow();
        return platform.send(signed(envelopes.build(infno, institution.code(), institution.admdvs(), null, input)),
                rx.hospRxno());
    }

    private CirculatedPrescription require(String hiRxno) {
        return store.find(hiRxno).orElseThrow(() -> new UnknownPrescriptionException(hiRxno));
    }

    /** The envelope's cainfo: SM2 over the canonical input (the province practice in national-platform.md). */
    private PlatformRequest signed(PlatformRequest r) {
        String cainfo = Sm2Crypto.sign(keys.privateKey(), CanonicalJson.bytes(r.input()));
        return new PlatformRequest(r.infno(), r.msgid(), r.mdtrtarea_admvs(), r.insuplc_admdvs(), r.recer_sys_code(),
                r.dev_no(), r.dev_safe_info(), cainfo, Sm2Crypto.SIGN_TYPE, r.infver(), r.opter_type(), r.opter(),
                r.opter_name(), r.inf_time(), r.fixmedins_code(), r.fixmedins_name(), r.sign_no(), r.input());
    }

    private static String traceKey(Prescription rx) {
        return rx.visitNo() != null ? rx.visitNo() : rx.hospRxNo();
    }

    /** The result of a report or a cancel: the status now, and the platform's refusal if any. */
    /**
     * @param settlement the drug settlement's answer (setlinfo, setldetail, result) when the drugs were settled;
     *                   errMsg then carries a settlement refusal while the dispensing itself stays accepted
     */
    public record Outcome(boolean accepted, String status, String errMsg, JsonNode settlement) {
        static Outcome ok(String status) { return new Outcome(true, status, null, null); }
        static Outcome refused(String status, String errMsg) { return new Outcome(false, status, errMsg, null); }
    }
}
