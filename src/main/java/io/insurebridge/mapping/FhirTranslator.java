package io.insurebridge.mapping;

import io.insurebridge.model.Diagnosis;
import io.insurebridge.model.FeeLine;
import io.insurebridge.model.Operator;
import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.Prescription;
import io.insurebridge.model.PrescriptionLine;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Translates FHIR R4 resources into the one internal model with the same mapping lookups as {@link Hl7Translator}:
 * items coded in the institution's local code system are crosswalked, national codes pass as themselves, unknown
 * codes come back as {@link FhirTranslation.Unmapped} with their FHIRPath. Never throws for content problems.
 * Conventions (identifier systems, where each field sits) are in docs/fhir.md.
 */
@Component
public class FhirTranslator {

    private final MappingSource mappings;
    private final CodeFormats formats;
    private final ZoneId zone;

    public FhirTranslator(MappingSource mappings, CodeFormats formats,
                          @Value("${insurebridge.platform.zone:Asia/Shanghai}") ZoneId zone) {
        this.mappings = mappings;
        this.formats = formats;
        this.zone = zone;
    }

    public FhirTranslation claim(Claim claim) {
        return new Run(mappings.current()).claim(claim);
    }

    public FhirTranslation eligibility(CoverageEligibilityRequest request) {
        return new Run(mappings.current()).eligibility(request);
    }

    /** One prescription from one or more MedicationRequests of the same group (one line each). */
    public FhirTranslation prescription(List<MedicationRequest> requests, List<String> paths) {
        return new Run(mappings.current()).prescription(requests, paths);
    }

    /** One resource being translated against one mapping snapshot. */
    private final class Run {
        private final MappingSnapshot snapshot;
        private final List<FhirTranslation.Unmapped> unmapped = new ArrayList<>();
        private final List<FhirIssue> errors = new ArrayList<>();

        Run(MappingSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        FhirTranslation claim(Claim claim) {
            if (!claim.hasIdentifier() || !claim.getIdentifierFirstRep().hasValue()) {
                error("Claim.identifier", FhirIssue.REQUIRED, "the Claim needs a business identifier (retries are "
                        + "recognised by it)");
            }
            String institution = institution(claim.getProvider(), "Claim.provider");
            PersonIdentity person = person(claim.getPatient(), "Claim.patient");
            SettleMode mode = switch (claim.getUse() == null ? Claim.Use.NULL : claim.getUse()) {
                case CLAIM -> SettleMode.SETTLE;
                case PREAUTHORIZATION -> SettleMode.PRE_SETTLE;
                default -> {
                    error("Claim.use", FhirIssue.NOT_SUPPORTED, "use must be claim (settle) or preauthorization "
                            + "(pre-settle)");
                    yield SettleMode.PRE_SETTLE;
                }
            };
            EncounterInfo enc = encounter(claim, "Claim");
            String medType = codeIn(claim.getSubType(), FhirSystems.MED_TYPE, "Claim.subType", "11",
                    Hl7Translator.MED_TYPES, "med_type");
            String insutype = extensionCode(claim, FhirSystems.EXT_INSUTYPE, "Claim.extension('insutype')",
                    PolicyYamlReader.INSUTYPES, "insutype");
            Extension acct = claim.getExtensionByUrl(FhirSystems.EXT_ACCT_USED);
            String acctUsed = acct != null && "true".equals(acct.getValue().primitiveValue()) ? "1" : "0";
            Extension mdtrt = claim.getExtensionByUrl(FhirSystems.EXT_MDTRT_ID);
            List<Diagnosis> diagnoses = diagnoses(claim);
            if (diagnoses.isEmpty()) {
                error("Claim.diagnosis", FhirIssue.REQUIRED, "a settlement needs at least one diagnosis");
            }
            List<FeeLine> fees = fees(claim, institution, enc);
            if (fees.isEmpty()) {
                error("Claim.item", FhirIssue.REQUIRED, "a claim needs at least one item");
            }
            String batch = claim.getIdentifierFirstRep().getValue();
            Visit visit = new Visit(institution, enc.visitNo, mdtrt == null ? null : mdtrt.getValue().primitiveValue(),
                    medType, insutype, enc.begin != null ? enc.begin : time(claim.getCreated()), enc.deptCode,
                    enc.deptName, enc.doctorCode, enc.doctorName, enc.internet, person, diagnoses, fees, mode, batch,
                    acctUsed, null, null, operator(claim.getEnterer()));
            return new FhirTranslation(visit, null, unmapped, errors);
        }

        FhirTranslation eligibility(CoverageEligibilityRequest request) {
            String institution = institution(request.getProvider(), "CoverageEligibilityRequest.provider");
            PersonIdentity person = person(request.getPatient(), "CoverageEligibilityRequest.patient");
            LocalDateTime at = request.hasServicedDateType() ? time(request.getServicedDateType().getValue())
                    : time(request.getCreated());
            Visit visit = new Visit(institution, null, null, "11", null, at, null, null, null, null, false, person,
                    List.of(), List.of(), null, null, "0", null, null, operator(request.getEnterer()));
            return new FhirTranslation(visit, null, unmapped, errors);
        }

        FhirTranslation prescription(List<MedicationRequest> requests, List<String> paths) {
            MedicationRequest first = requests.get(0);
            String path = paths.get(0);
            String hospRxNo = first.hasGroupIdentifier() ? first.getGroupIdentifier().getValue() : null;
            if (hospRxNo == null) {
                error(path + ".groupIdentifier", FhirIssue.REQUIRED, "the hospital prescription number "
                        + "(groupIdentifier) is required");
            }
            EncounterInfo enc = encounter(first, path);
            String institution = enc.institution;
            if (institution == null) {
                error(path + ".encounter", FhirIssue.REQUIRED, "the referenced (contained) Encounter needs "
                        + "serviceProvider.identifier with system " + FhirSystems.INSTITUTION);
            } else if (snapshot.institution(institution).isEmpty()) {
                error(path + ".encounter", FhirIssue.CODE_INVALID, "institution " + institution + " is not known");
            }
            PersonIdentity person = person(first.getSubject(), path + ".subject");
            String doctorCode = nationalCode(first.getRequester().getIdentifier().getValue(), CodeKind.DOCTOR,
                    path + ".requester.identifier");
            String pharmacy = nationalCode(first.getDispenseRequest().getPerformer().getIdentifier().getValue(),
                    CodeKind.PHARMACY, path + ".dispenseRequest.performer.identifier");
            LocalDateTime at = time(first.getAuthoredOn());
            int validDays = 3;
            if (first.getDispenseRequest().getValidityPeriod().hasEnd() && first.hasAuthoredOn()) {
                validDays = (int) Math.max(1, ChronoUnit.DAYS.between(at,
                        time(first.getDispenseRequest().getValidityPeriod().getEnd())));
            }
            List<Diagnosis> diagnoses = new ArrayList<>();
            List<CodeableConcept> reasons = first.getReasonCode();
            for (int i = 0; i < reasons.size(); i++) {
                Diagnosis d = diagnosis(reasons.get(i), i, path + ".reasonCode[" + i + "]", i == 0);
                if (d != null) {
                    diagnoses.add(d);
                }
            }
            List<PrescriptionLine> lines = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                lines.add(drugLine(requests.get(i), i + 1, paths.get(i), institution));
            }
            Prescription rx = new Prescription(institution, hospRxNo, "1", at, validDays,
                    doctorCode, first.getRequester().getDisplay(), enc.visitNo, null, person, diagnoses, lines,
                    pharmacy);
            return new FhirTranslation(null, rx, unmapped, errors);
        }

        private PrescriptionLine drugLine(MedicationRequest request, int seq, String path, String institution) {
            String codePath = path + ".medicationCodeableConcept.coding[0].code";
            Coding coding = request.hasMedicationCodeableConcept()
                    ? request.getMedicationCodeableConcept().getCodingFirstRep() : new Coding();
            CatalogItem item = null;
            if (!coding.hasCode()) {
                error(codePath, FhirIssue.REQUIRED, "the drug code (medicationCodeableConcept) is required");
            } else if (institution != null) {
                item = item(coding, institution, codePath, seq, path).orElse(null);
                if (item != null && (!Hl7Translator.DRUG_LIST_TYPES.contains(item.listType())
                        || !formats.valid(CodeKind.DRUG, item.code()))) {
                    error(codePath, FhirIssue.CODE_INVALID, "code " + coding.getCode() + " maps to " + item.code()
                            + ", which is not a drug (X/Z code)");
                    item = null;
                }
            }
            Quantity quantity = request.getDispenseRequest().getQuantity();
            BigDecimal amount = positive(quantity.getValue(), path + ".dispenseRequest.quantity.value",
                    "dispense quantity");
            Dosage dosage = request.getDosageInstructionFirstRep();
            String dose = null;
            if (dosage.hasDoseAndRate() && dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
                Quantity q = dosage.getDoseAndRateFirstRep().getDoseQuantity();
                dose = q.getValue().stripTrailingZeros().toPlainString() + (q.hasUnit() ? " " + q.getUnit() : "");
            }
            String frequency = dosage.getTiming().getCode().getCodingFirstRep().getCode();
            String route = dosage.getRoute().getCodingFirstRep().hasCode() ? dosage.getRoute().getCodingFirstRep()
                    .getCode() : dosage.getRoute().getText();
            Integer days = request.getDispenseRequest().getExpectedSupplyDuration().hasValue()
                    ? request.getDispenseRequest().getExpectedSupplyDuration().getValue().intValue() : null;
            String name = coding.hasDisplay() ? coding.getDisplay() : item == null ? null : item.name();
            return new PrescriptionLine(seq, coding.getCode(), item == null ? null : item.code(), name, amount,
                    quantity.getUnit(), dose, frequency, days, route);
        }

        // ---- parts shared by the resources ----

        private String institution(Reference provider, String path) {
            Identifier id = provider.getIdentifier();
            if (!id.hasValue()) {
                error(path + ".identifier", FhirIssue.REQUIRED, "the institution must be given as identifier with "
                        + "system " + FhirSystems.INSTITUTION);
                return null;
            }
            if (!FhirSystems.INSTITUTION.equals(id.getSystem())) {
                error(path + ".identifier.system", FhirIssue.CODE_INVALID, "identifier system must be "
                        + FhirSystems.INSTITUTION);
                return null;
            }
            if (snapshot.institution(id.getValue()).isEmpty()) {
                error(path + ".identifier.value", FhirIssue.CODE_INVALID, "institution " + id.getValue()
                        + " is not a designated institution of this area");
                return null;
            }
            return id.getValue();
        }

        private PersonIdentity person(Reference patient, String path) {
            Identifier id = patient.getIdentifier();
            if (!id.hasValue()) {
                error(path + ".identifier", FhirIssue.REQUIRED, "the patient must be identified by identifier "
                        + "(system resident-id, evoucher or ss-card, see docs/fhir.md)");
                return new PersonIdentity(null, null, null, null, patient.getDisplay(), null);
            }
            String value = id.getValue();
            String system = id.getSystem() == null ? "" : id.getSystem();
            switch (system) {
                case FhirSystems.EVOUCHER -> {
                    return new PersonIdentity("01", value, null, null, patient.getDisplay(), null);
                }
                case FhirSystems.RESIDENT_ID -> {
                    if (!formats.valid(CodeKind.RESIDENT_ID, value)) {
                        error(path + ".identifier.value", FhirIssue.VALUE, "resident ID number is not valid ("
                                + formats.describe(CodeKind.RESIDENT_ID) + ")");
                    }
                    return new PersonIdentity("02", value, null, value, patient.getDisplay(), null);
                }
                case FhirSystems.SS_CARD -> {
                    return new PersonIdentity("03", value, null, null, patient.getDisplay(), null);
                }
                default -> {
                    error(path + ".identifier.system", FhirIssue.CODE_INVALID, "patient identifier system '" + system
                            + "' is not one of " + FhirSystems.RESIDENT_ID + ", " + FhirSystems.EVOUCHER + ", "
                            + FhirSystems.SS_CARD);
                    return new PersonIdentity(null, null, null, null, patient.getDisplay(), null);
                }
            }
        }

        /** The visit context: the contained Encounter (referenced from item.encounter / encounter). */
        private EncounterInfo encounter(DomainResource resource, String path) {
            List<Resource> contained = resource.getContained();
            for (int i = 0; i < contained.size(); i++) {
                if (contained.get(i) instanceof Encounter e) {
                    String encPath = path + ".contained[" + i + "]";
                    String visitNo = e.getIdentifier().stream()
                            .filter(id -> FhirSystems.VISIT_NUMBER.equals(id.getSystem()))
                            .map(Identifier::getValue).findFirst().orElse(null);
                    if (visitNo == null && resource instanceof Claim) {
                        error(encPath + ".identifier", FhirIssue.REQUIRED, "the visit number (identifier with system "
                                + FhirSystems.VISIT_NUMBER + ") is required");
                    }
                    Coding dept = e.getServiceType().getCodingFirstRep();
                    Reference doctor = e.getParticipantFirstRep().getIndividual();
                    String doctorCode = nationalCode(doctor.getIdentifier().getValue(), CodeKind.DOCTOR,
                            encPath + ".participant[0].individual.identifier.value");
                    boolean internet = "VR".equals(e.getClass_().getCode());
                    return new EncounterInfo(visitNo, e.getPeriod().hasStart() ? time(e.getPeriod().getStart()) : null,
                            dept.getCode(), dept.getDisplay(), doctorCode, doctor.getDisplay(), internet,
                            e.getServiceProvider().getIdentifier().getValue());
                }
            }
            if (resource instanceof Claim) {
                error(path + ".contained", FhirIssue.REQUIRED, "a contained Encounter (visit number, class, doctor, "
                        + "department) referenced from Claim.item.encounter is required");
            }
            return new EncounterInfo(null, null, null, null, null, null, false, null);
        }

        private List<Diagnosis> diagnoses(Claim claim) {
            List<Diagnosis> result = new ArrayList<>();
            List<Claim.DiagnosisComponent> all = claim.getDiagnosis();
            boolean anyMain = all.stream().anyMatch(d -> d.getType().stream()
                    .anyMatch(t -> t.hasCoding(FhirSystems.DIAGNOSIS_TYPE, "principal")));
            for (int i = 0; i < all.size(); i++) {
                Claim.DiagnosisComponent d = all.get(i);
                String path = "Claim.diagnosis[" + i + "].diagnosisCodeableConcept";
                if (!d.hasDiagnosisCodeableConcept()) {
                    error(path, FhirIssue.REQUIRED, "the diagnosis must be coded (diagnosisCodeableConcept)");
                    continue;
                }
                boolean main = anyMain ? d.getType().stream()
                        .anyMatch(t -> t.hasCoding(FhirSystems.DIAGNOSIS_TYPE, "principal")) : i == 0;
                Diagnosis diagnosis = diagnosis(d.getDiagnosisCodeableConcept(), d.getSequence(), path, main);
                if (diagnosis != null) {
                    result.add(diagnosis);
                }
            }
            return result;
        }

        private Diagnosis diagnosis(CodeableConcept concept, int seq, String path, boolean main) {
            Coding coding = concept.getCodingFirstRep();
            if (!coding.hasCode()) {
                error(path + ".coding[0].code", FhirIssue.REQUIRED, "diagnosis code is missing");
                return null;
            }
            Optional<DiagnosisCode> resolved = snapshot.resolveDiagnosis(coding.getCode());
            if (resolved.isEmpty()) {
                unmapped.add(new FhirTranslation.Unmapped(new UnmappedCode(UnmappedCode.Kind.DIAGNOSIS,
                        coding.getCode(), path, seq, 0, coding.getDisplay()), path + ".coding[0].code"));
            }
            return new Diagnosis(seq, null, coding.getCode(), resolved.map(DiagnosisCode::code).orElse(null),
                    resolved.map(DiagnosisCode::name).orElse(coding.getDisplay()), main);
        }

        private List<FeeLine> fees(Claim claim, String institution, EncounterInfo enc) {
            List<FeeLine> fees = new ArrayList<>();
            List<Claim.ItemComponent> items = claim.getItem();
            for (int i = 0; i < items.size(); i++) {
                Claim.ItemComponent item = items.get(i);
                String path = "Claim.item[" + i + "]";
                Coding coding = item.getProductOrService().getCodingFirstRep();
                CatalogItem catalog = null;
                if (!coding.hasCode()) {
                    error(path + ".productOrService", FhirIssue.REQUIRED, "the item code is required");
                } else if (institution != null) {
                    catalog = item(coding, institution, path + ".productOrService.coding[0].code", i + 1, path)
                            .orElse(null);
                }
                BigDecimal quantity = positive(item.getQuantity().getValue(), path + ".quantity.value", "quantity");
                BigDecimal price = item.getUnitPrice().getValue();
                if (price == null) {
                    error(path + ".unitPrice.value", FhirIssue.REQUIRED, "unit price is required");
                }
                BigDecimal net = item.getNet().getValue();
                if (net == null && price != null && quantity != null) {
                    net = price.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
                }
                LocalDateTime at = item.hasServicedDateType() ? time(item.getServicedDateType().getValue())
                        : enc.begin != null ? enc.begin : time(claim.getCreated());
                String name = coding.hasDisplay() ? coding.getDisplay() : catalog == null ? null : catalog.name();
                fees.add(new FeeLine(String.valueOf(item.getSequence()), coding.getCode(),
                        catalog == null ? null : catalog.code(), name, catalog == null ? null : catalog.listType(),
                        catalog == null ? null : catalog.listLevel(), catalog == null ? null : catalog.chargeType(),
                        price, quantity, net, at, null, enc.deptCode, enc.deptName, enc.doctorCode, enc.doctorName,
                        null, null, null, null));
            }
            return fees;
        }

        /**
         * A coded item: the institution's local system is crosswalked, the national system must be in the catalog,
         * no system is looked up like HL7 (local, then national); another institution's local system is an error.
         */
        private Optional<CatalogItem> item(Coding coding, String institution, String path, int seq, String linePath) {
            String system = coding.getSystem();
            Optional<CatalogItem> found;
            if (FhirSystems.NATIONAL_ITEM.equals(system)) {
                found = snapshot.catalogItem(coding.getCode());
            } else if (system == null || FhirSystems.localItemSystem(institution).equals(system)) {
                found = snapshot.resolveItem(institution, coding.getCode());
            } else {
                error(path.replace(".code", ".system"), FhirIssue.CODE_INVALID, "code system " + system
                        + " is neither " + FhirSystems.localItemSystem(institution) + " nor "
                        + FhirSystems.NATIONAL_ITEM);
                return Optional.empty();
            }
            if (found.isEmpty()) {
                unmapped.add(new FhirTranslation.Unmapped(new UnmappedCode(UnmappedCode.Kind.ITEM, coding.getCode(),
                        linePath, seq, 0, coding.getDisplay()), path));
            }
            return found;
        }

        private String codeIn(CodeableConcept concept, String system, String path, String dflt,
                              java.util.Collection<String> allowed, String what) {
            Coding coding = concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).findFirst()
                    .orElse(null);
            if (coding == null || !coding.hasCode()) {
                return dflt;
            }
            if (!allowed.contains(coding.getCode())) {
                error(path + ".coding[0].code", FhirIssue.CODE_INVALID, what + " '" + coding.getCode()
                        + "' is not one of " + allowed.stream().sorted().toList());
                return dflt;
            }
            return coding.getCode();
        }

        private String extensionCode(DomainResource resource, String url, String path,
                                     java.util.Collection<String> allowed, String what) {
            Extension ext = resource.getExtensionByUrl(url);
            if (ext == null || ext.getValue() == null) {
                return null;
            }
            String code = ext.getValue().primitiveValue();
            if (!allowed.contains(code)) {
                error(path, FhirIssue.CODE_INVALID, what + " '" + code + "' is not one of " + allowed);
                return null;
            }
            return code;
        }

        private String nationalCode(String value, CodeKind kind, String path) {
            if (value != null && !formats.valid(kind, value)) {
                error(path, FhirIssue.VALUE, value + " is not a national " + kind.name().toLowerCase() + " code ("
                        + formats.describe(kind) + ")");
                return null;
            }
            return value;
        }

        private BigDecimal positive(BigDecimal value, String path, String what) {
            if (value == null) {
                error(path, FhirIssue.REQUIRED, what + " is required");
                return null;
            }
            if (value.signum() <= 0) {
                error(path, FhirIssue.VALUE, what + " " + value.toPlainString() + " must be greater than 0");
                return null;
            }
            return value;
        }

        private Operator operator(Reference enterer) {
            String id = enterer.getIdentifier().getValue();
            return id == null ? Operator.system() : new Operator("1", id, enterer.hasDisplay() ? enterer.getDisplay()
                    : id);
        }

        private LocalDateTime time(Date date) {
            return date == null ? LocalDateTime.now(zone) : LocalDateTime.ofInstant(date.toInstant(), zone);
        }

        private void error(String expression, String code, String text) {
            errors.add(new FhirIssue(expression, code, text));
        }
    }

    private record EncounterInfo(String visitNo, LocalDateTime begin, String deptCode, String deptName,
                                 String doctorCode, String doctorName, boolean internet, String institution) {}
}
