package io.insurebridge.circulation;

import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.CodeFormats;
import io.insurebridge.mapping.CodeKind;
import io.insurebridge.mapping.Doctor;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.model.Prescription;
import io.insurebridge.model.PrescriptionLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's own check before anything leaves: an agreement doctor of the institution with points left, lines
 * that are drugs of the catalog, sane quantities and durations, a chosen pharmacy that is designated. Returns every
 * problem in words a doctor understands; empty = fine.
 */
public final class PrescriptionCheck {

    private static final Set<String> DRUG_LIST_TYPES = Set.of("101", "102", "103");

    private PrescriptionCheck() {}

    public static List<String> problems(Prescription rx, MappingSnapshot mappings, CodeFormats formats,
                                        CirculationProperties limits) {
        List<String> problems = new ArrayList<>();
        Optional<Doctor> doctor = rx.doctorCode() == null ? Optional.empty() : mappings.doctor(rx.doctorCode());
        if (doctor.isEmpty()) {
            problems.add("doctor " + rx.doctorCode() + " is not an insurance-agreement doctor");
        } else if (!doctor.get().institutionCode().equals(rx.institutionCode())) {
            problems.add("doctor " + rx.doctorCode() + " is not an agreement doctor of " + rx.institutionCode());
        } else if (doctor.get().pointsLeft() <= 0) {
            problems.add("doctor " + rx.doctorCode() + " has no points left and may not prescribe for insurance");
        }
        if (rx.validDays() < 1 || rx.validDays() > limits.maxValidDays()) {
            problems.add("validity " + rx.validDays() + " days must be 1 to " + limits.maxValidDays());
        }
        if (rx.lines() == null || rx.lines().isEmpty()) {
            problems.add("the prescription has no drug lines");
        } else {
            rx.lines().forEach(line -> checkLine(line, mappings, formats, limits, problems));
        }
        if (rx.pharmacyCode() != null) {
            var pharmacy = mappings.pharmacy(rx.pharmacyCode());
            if (pharmacy.isEmpty() || !pharmacy.get().agreementActive()) {
                problems.add("chosen pharmacy " + rx.pharmacyCode() + " is not a designated pharmacy with an active agreement");
            }
        }
        return problems;
    }

    private static void checkLine(PrescriptionLine line, MappingSnapshot mappings, CodeFormats formats,
                                  CirculationProperties limits, List<String> problems) {
        String where = "line " + line.seq() + " (" + line.localCode() + ")";
        String code = line.nationalCode();
        Optional<CatalogItem> item = code == null ? Optional.empty() : mappings.catalogItem(code);
        if (item.isEmpty()) {
            problems.add(where + ": " + code + " is not in the catalog");
        } else if (!formats.valid(CodeKind.DRUG, code) || !DRUG_LIST_TYPES.contains(item.get().listType())
                || item.get().isDeliveryFee()) {
            problems.add(where + ": " + code + " is not a drug (X/Z code); only drugs can be prescribed");
        }
        if (line.quantity() == null || line.quantity().signum() <= 0) {
            problems.add(where + ": quantity must be greater than 0");
        } else if (line.quantity().compareTo(limits.maxQuantity()) > 0) {
            problems.add(where + ": quantity " + line.quantity().toPlainString() + " is over the limit of "
                    + limits.maxQuantity().toPlainString());
        }
        if (line.days() != null && (line.days() < 1 || line.days() > limits.maxDays())) {
            problems.add(where + ": " + line.days() + " days must be 1 to " + limits.maxDays());
        }
    }
}
