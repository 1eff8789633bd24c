package io.insurebridge.circulation.pharmacy;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.circulation.DispensedDrugs;
import io.insurebridge.circulation.PrescriptionCirculation;
import io.insurebridge.circulation.PrescriptionStore;
import io.insurebridge.circulation.SignedPrescription;
import io.insurebridge.circulation.SigningKeys;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.PlatformFormats;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A designated pharmacy's own desk (the pharmacy role, also the demo / simulated pharmacy): receives the signed
 * prescription, verifies the SM2 signature (a tampered or forged one is refused and reported to supervision),
 * reviews it, and dispenses or delivers on the pharmacist's word; every step reported back (7102 / 7103).
 * Reports go to the circulation service in this JVM; a pharmacy elsewhere posts the same reports to
 * {@code /api/prescriptions/{hiRxno}/reports}.
 */
public class PharmacyDesk {

    public static final String RECEIVED = "RECEIVED";

    private final JdbcTemplate jdbc;
    private final SigningKeys trusted;
    private final MappingSource mappings;
    private final PrescriptionCirculation circulation;
    private final Clock clock;

    public PharmacyDesk(JdbcTemplate jdbc, SigningKeys trusted, MappingSource mappings,
                        PrescriptionCirculation circulation, Clock clock) {
        this.jdbc = jdbc;
        this.trusted = trusted;
        this.mappings = mappings;
        this.circulation = circulation;
        this.clock = clock;
    }

    public boolean serves(String pharmacyCode) {
        return mappings.current().pharmacy(pharmacyCode).isPresent();
    }

    /** Receives, verifies and reviews one prescription. */
    public DeskAnswer receive(String pharmacy, String json) {
        SignedPrescription.Verification v = SignedPrescription.verify(json, trusted);
        if (!v.valid()) {
            long report = circulation.reportTampered(pharmacy, v.hiRxno(), v.reason(), json);
            return DeskAnswer.refused(v.hiRxno(), "refused: " + v.reason() + " (reported to supervision, #" + report + ")");
        }
        String hiRxno = v.hiRxno();
        if (status(pharmacy, hiRxno).isEmpty()) {
            jdbc.update("INSERT INTO pharmacy_desk_rx (pharmacy_code, hi_rxno, status, payload, received_at) VALUES (?,?,?,?,?)",
                    pharmacy, hiRxno, RECEIVED, json, OffsetDateTime.now(clock));
        } else if (!RECEIVED.equals(status(pharmacy, hiRxno).get())) {
            return DeskAnswer.ok(hiRxno, status(pharmacy, hiRxno).get(), "already received");
        }
        String opinion = review(v.rx());
        String event = opinion == null ? PrescriptionStore.REVIEWED : PrescriptionStore.REVIEW_REFUSED;
        PrescriptionCirculation.Outcome reported = circulation.report(hiRxno, pharmacy, event,
                opinion == null ? "pharmacist review passed" : opinion);
        if (!reported.accepted()) {
            return DeskAnswer.ok(hiRxno, RECEIVED, "review not recorded by the platform: " + reported.errMsg());
        }
        setStatus(pharmacy, hiRxno, event);
        return DeskAnswer.ok(hiRxno, event, opinion);
    }

    /** The pharmacist hands out (or sends off) the drugs of a reviewed prescription. */
    public DeskAnswer dispense(String pharmacy, String hiRxno, boolean delivery) {
        return dispense(pharmacy, hiRxno, delivery, null);
    }

    /**
     * Dispenses and settles: the lines given (the pharmacy's prices, delivery fee) or, when none are given, every
     * prescribed line at the catalog's price ceiling (the simulated pharmacy's price list).
     */
    public DeskAnswer dispense(String pharmacy, String hiRxno, boolean delivery, DispensedDrugs given) {
        Optional<String> status = status(pharmacy, hiRxno);
        if (status.isEmpty()) {
            return DeskAnswer.refused(hiRxno, "prescription " + hiRxno + " was not received by " + pharmacy);
        }
        if (!PrescriptionStore.REVIEWED.equals(status.get())) {
            return DeskAnswer.refused(hiRxno, "prescription " + hiRxno + " is " + status.get() + ", not reviewed");
        }
        String event = delivery ? PrescriptionStore.DELIVERED : PrescriptionStore.DISPENSED;
        DispensedDrugs dispensed = given != null ? given : atListPrices(pharmacy, hiRxno);
        PrescriptionCirculation.Outcome reported = circulation.report(hiRxno, pharmacy, event,
                delivery ? "sent to the patient (delivery fee not insured)" : "handed out at the counter", dispensed);
        if (!reported.accepted()) {
            return DeskAnswer.refused(hiRxno, reported.errMsg());
        }
        setStatus(pharmacy, hiRxno, event);
        return new DeskAnswer(true, hiRxno, event, reported.errMsg() == null ? null
                : "dispensed; settlement refused: " + reported.errMsg(), reported.settlement());
    }

    /** Every prescribed line at the catalog's price ceiling. */
    private DispensedDrugs atListPrices(String pharmacy, String hiRxno) {
        String payload = jdbc.queryForObject("SELECT payload FROM pharmacy_desk_rx WHERE pharmacy_code = ? AND hi_rxno = ?",
                String.class, pharmacy, hiRxno);
        MappingSnapshot snapshot = mappings.current();
        List<DispensedDrugs.Line> lines = new java.util.ArrayList<>();
        for (JsonNode drug : SignedPrescription.verify(payload, trusted).rx().path("drugs")) {
            String code = drug.path("med_list_codg").asText();
            snapshot.catalogItem(code).ifPresent(item -> lines.add(new DispensedDrugs.Line(code,
                    drug.path("medins_list_codg").asText(null), drug.path("drug_cnt").decimalValue(),
                    item.priceCeiling())));
        }
        return new DispensedDrugs(lines, null, null);
    }

    public Optional<String> status(String pharmacy, String hiRxno) {
        List<String> rows = jdbc.queryForList("SELECT status FROM pharmacy_desk_rx WHERE pharmacy_code = ? AND hi_rxno = ?",
                String.class, pharmacy, hiRxno);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The pharmacist's review: still valid, every line a drug of the catalog. Null = passed, else the opinion. */
    private String review(JsonNode rx) {
        MappingSnapshot snapshot = mappings.current();
        String validEnd = rx.path("valid_end_time").asText("");
        if (!validEnd.isEmpty()
                && LocalDateTime.parse(validEnd, PlatformFormats.DATE_TIME).isBefore(LocalDateTime.now(clock))) {
            return "prescription expired at " + validEnd;
        }
        for (JsonNode drug : rx.path("drugs")) {
            String code = drug.path("med_list_codg").asText();
            if (snapshot.catalogItem(code).isEmpty()) {
                return "drug " + code + " is not in the catalog";
            }
        }
        return null;
    }

    private void setStatus(String pharmacy, String hiRxno, String status) {
        jdbc.update("UPDATE pharmacy_desk_rx SET status = ? WHERE pharmacy_code = ? AND hi_rxno = ?", status, pharmacy,
                hiRxno);
    }

    /** What the desk answers: accepted with the status reached, or refused with the reason. */
    public record DeskAnswer(boolean accepted, String hiRxno, String status, String note, JsonNode settlement) {
        static DeskAnswer ok(String hiRxno, String status, String note) {
            return new DeskAnswer(true, hiRxno, status, note, null);
        }

        static DeskAnswer refused(String hiRxno, String reason) {
            return new DeskAnswer(false, hiRxno, null, reason, null);
        }
    }
}
