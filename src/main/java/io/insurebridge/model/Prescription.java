package io.insurebridge.model;

import java.time.LocalDateTime;
import java.util.List;

/** An e-prescription from RDE^O11 / OMP^O09 (or FHIR MedicationRequest), after mapping. */
public record Prescription(String institutionCode, String hospRxNo, String rxTypeCode, LocalDateTime prescribedAt,
                           int validDays, String doctorCode, String doctorName, String visitNo, String mdtrtId,
                           PersonIdentity person, List<Diagnosis> diagnoses, List<PrescriptionLine> lines,
                           String pharmacyCode) {}
