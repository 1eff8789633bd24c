package io.insurebridge.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Translates a parsed HL7 v2 message (canonical 2.5.1 model) into the one internal model, mapping local codes
 * through the mapping version in force. Never throws for content problems: unmapped codes and field errors come
 * back in the {@link TranslationResult} so the caller can answer the HIS precisely and hold the message.
 */
@Component
public class Hl7Translator {
    static final Set<String> MED_TYPES = Set.of("11", "12", "13", "14", "16", "21", "22", "28", "41", "51", "52");
    static final Set<String> CERT_TYPES = Set.of("01", "02", "03");
    static final Set<String> DRUG_LIST_TYPES = Set.of("101", "102", "103");

    private final MappingSource mappings;
    private final CodeFormats formats;

    public Hl7Translator(MappingSource mappings, CodeFormats formats) {
        this.mappings = mappings;
        this.formats = formats;
    }

    public TranslationResult translate(Message message, String institutionCode, FieldConventions conventions) {
        try {
            return new Translation(message, institutionCode, conventions, mappings.current()).run();
        } catch (HL7Exception e) {
            // only structural access problems end here; content problems are FieldErrors
            throw new IllegalArgumentException("cannot read HL7 message: " + e.getMessage(), e);
        }
    }

    /** One message being translated against one mapping snapshot. */
    private final class Translation {
        private final Message msg;
        private final String institution;
        private final FieldConventions conventions;
        private final MappingSnapshot snapshot;
        private final List<UnmappedCode> unmapped = new ArrayList<>();
        private final List<FieldError> errors = new ArrayList<>();

        Translation(Message msg, String institution, FieldConventions conventions, MappingSnapshot snapshot) {
            this.msg = msg;
            this.institution = institution;
            this.conventions = conventions == null ? FieldConventions.defaults() : conventions;
            this.snapshot = snapshot;
        }

        TranslationResult run() throws HL7Exception {
            String type = value(Hl7Path.of("MSH-9-1"));
            String event = value(Hl7Path.of("MSH-9-2"));
            String messageType = type + "^" + event;
            String controlId = get("message.controlId");
            Visit visit = null;
            Prescription prescription = null;
            switch (type == null ? "" : type) {
                case "DFT" -> visit = visit(SettleMode.PRE_SETTLE, true);
                case "ADT" -> visit = visit(null, false);
                case "RDE" -> prescription = prescription("rxe.");
                case "OMP" -> prescription = prescription("rxo.");
                default -> errors.add(new FieldError("MSH", 1, 9, FieldError.UNSUPPORTED_MESSAGE_TYPE,
                        "message type " + messageType + " is not translated (DFT, ADT, RDE, OMP are)"));
            }
            return new TranslationResult(messageType, controlId, visit, prescription, unmapped, errors,
                    snapshot.checksum());
        }

        // ---- visits (DFT^P03 with fees, ADT^A04/A08/A11 without) ----

        private Visit visit(SettleMode defaultMode, boolean withFees) throws HL7Exception {
            SettleMode mode = settleMode(defaultMode);
            String visitNo = required("visit.number", "visit number (ipt_otp_no)");
            String mdtrtId = get("insurance.mdtrtId");
            String medType = oneOf("insurance.medType", "11", MED_TYPES, "med_type");
            String insutype = get("insurance.insutype");
            if (insutype != null && !PolicyYamlReader.INSUTYPES.contains(insutype)) {
                error("insurance.insutype", FieldError.TABLE_VALUE_NOT_FOUND, "insutype " + insutype + " is not one of "
                        + PolicyYamlReader.INSUTYPES);
            }
            LocalDateTime begin = time("visit.admitTime", messageTime());
            String doctorCode = nationalCode("visit.doctorCode", CodeKind.DOCTOR);
            String acctUsedFlag = oneOf("insurance.acctUsedFlag", "0", Set.of("0", "1"), "acct_used_flag");
            boolean internet = "1".equals(get("insurance.internetFlag")) || "V".equals(get("visit.patientClass"));
            String setlId = get("insurance.setlId");
            if (mode == SettleMode.CANCEL) {
                if (setlId == null) {
                    missing("insurance.setlId", "settlement id (setl_id) to cancel");
                }
                if (mdtrtId == null) {
                    missing("insurance.mdtrtId", "platform visit id (mdtrt_id) of the settlement to cancel");
                }
            }
            List<Diagnosis> diagnoses = diagnoses();
            if ((mode == SettleMode.PRE_SETTLE || mode == SettleMode.SETTLE) && diagnoses.isEmpty()) {
                errors.add(new FieldError("DG1", 1, 3, FieldError.REQUIRED_FIELD_MISSING,
                        "a settlement needs at least one diagnosis (DG1)"));
            }
            String deptCode = get("visit.deptCode");
            String deptName = get("visit.deptName");
            String doctorName = get("visit.doctorName");
            List<FeeLine> fees = withFees ? fees(begin, deptCode, deptName, doctorCode, doctorName) : List.of();
            if (withFees && fees.isEmpty() && mode != SettleMode.CANCEL) {
                errors.add(new FieldError("FT1", 1, 7, FieldError.REQUIRED_FIELD_MISSING,
                        "a charge message needs at least one FT1"));
            }
            String chrgBchno = Optional.ofNullable(get("insurance.chrgBchno")).orElse(get("message.controlId"));
            return new Visit(institution, visitNo, mdtrtId, medType, insutype, begin, deptCode, deptName, doctorCode,
                    doctorName, internet, person(), diagnoses, fees, mode, chrgBchno, acctUsedFlag,
                    get("insurance.invoiceNo"), setlId, operator());
        }

        private SettleMode settleMode(SettleMode defaultMode) throws HL7Exception {
            String v = get("insurance.settleMode");
            if (v == null) {
                return defaultMode;
            }
            return switch (v.toUpperCase()) {
                case "PRE" -> SettleMode.PRE_SETTLE;
                case "SETTLE" -> SettleMode.SETTLE;
                case "UPLOAD" -> SettleMode.UPLOAD_ONLY;
                case "CANCEL" -> SettleMode.CANCEL;
                default -> {
                    error("insurance.settleMode", FieldError.TABLE_VALUE_NOT_FOUND, "settle mode '" + v
                            + "' is not one of PRE, SETTLE, UPLOAD, CANCEL");
                    yield defaultMode;
                }
            };
        }

        private List<FeeLine> fees(LocalDateTime visitTime, String deptCode, String deptName, String doctorCode,
                                   String doctorName) throws HL7Exception {
            List<FeeLine> fees = new ArrayList<>();
            List<Segment> ft1s = Hl7Path.Segments.all(msg, Hl7Path.of(conventions.path("fee.code")).segment());
            for (int i = 0; i < ft1s.size(); i++) {
                Line line = new Line(ft1s.get(i), i + 1);
                String seq = Optional.ofNullable(line.get("fee.seq")).orElse(String.valueOf(i + 1));
                String local = line.required("fee.code", "charge item code");
                String hisName = line.get("fee.name");
                CatalogItem item = null;
                if (local != null) {
                    item = snapshot.resolveItem(institution, local).orElse(null);
                    if (item == null) {
                        line.unmapped(UnmappedCode.Kind.ITEM, "fee.code", local, hisName);
                    }
                }
                BigDecimal quantity = line.positiveDecimal("fee.quantity", "quantity");
                BigDecimal price = line.decimal("fee.unitPrice", "unit price", true);
                BigDecimal amount = line.decimal("fee.amount", "line amount", false);
                if (amount == null && price != null && quantity != null) {
                    amount = price.multiply(quantity).setScale(2, RoundingMode.HALF_UP);
                }
                String lineDoctor = line.nationalCode("fee.doctorCode", CodeKind.DOCTOR);
                fees.add(new FeeLine(seq, local, item == null ? null : item.code(),
                        hisName != null ? hisName : item == null ? null : item.name(),
                        item == null ? null : item.listType(), item == null ? null : item.listLevel(),
                        item == null ? null : item.chargeType(), price, quantity, amount,
                        line.time("fee.time", visitTime), line.get("fee.rxNo"),
                        or(line.get("fee.deptCode"), deptCode), or(line.get("fee.deptName"), deptName),
                        or(lineDoctor, doctorCode), or(line.get("fee.doctorName"), doctorName),
                        null, null, null, null));
            }
            return fees;
        }

        private List<Diagnosis> diagnoses() throws HL7Exception {
            List<Diagnosis> result = new ArrayList<>();
            List<Segment> dg1s = Hl7Path.Segments.all(msg, Hl7Path.of(conventions.path("diagnosis.code")).segment());
            boolean anyMain = false;
            for (int i = 0; i < dg1s.size(); i++) {
                Line line = new Line(dg1s.get(i), i + 1);
                String local = line.required("diagnosis.code", "diagnosis code");
                if (local == null) {
                    continue;
                }
                String hisName = line.get("diagnosis.name");
                Optional<DiagnosisCode> resolved = snapshot.resolveDiagnosis(local);
                if (resolved.isEmpty()) {
                    line.unmapped(UnmappedCode.Kind.DIAGNOSIS, "diagnosis.code", local, hisName);
                }
                Integer seq = Hl7Values.integer(line.get("diagnosis.seq"));
                boolean main = "1".equals(line.get("diagnosis.priority"));
                anyMain |= main;
                result.add(new Diagnosis(seq == null ? i + 1 : seq, line.get("diagnosis.type"), local,
                        resolved.map(DiagnosisCode::code).orElse(null),
                        resolved.map(DiagnosisCode::name).orElse(hisName), main));
            }
            if (!anyMain && !result.isEmpty()) {
                Diagnosis first = result.get(0);
                result.set(0, new Diagnosis(first.seq(), first.type(), first.localCode(), first.code(), first.name(),
                        true));
            }
            return result;
        }

        // ---- prescriptions (RDE^O11 with RXE lines, OMP^O09 with RXO lines) ----

        /** One line per segment that carries the drug code: RXE (prefix rxe.) or RXO (rxo.) by default. */
        private Prescription prescription(String prefix) throws HL7Exception {
            String lineSegment = Hl7Path.of(conventions.path(prefix + "code")).segment();
            String hospRxNo = required("rx.hospRxNo", "hospital prescription number");
            LocalDateTime at = time("rx.time", messageTime());
            Integer validDays = 3;
            String validText = get("rx.validDays");
            if (validText != null) {
                validDays = Hl7Values.integer(validText);
                if (validDays == null || validDays <= 0) {
                    error("rx.validDays", FieldError.DATA_TYPE_ERROR, "validity days '" + validText
                            + "' is not a positive whole number");
                    validDays = 3;
                }
            }
            String doctorCode = Optional.ofNullable(nationalCode("rx.doctorCode", CodeKind.DOCTOR))
                    .orElseGet(() -> quiet("visit.doctorCode"));
            String doctorName = Optional.ofNullable(get("rx.doctorName")).orElseGet(() -> quiet("visit.doctorName"));
            String pharmacy = nationalCode("rx.pharmacy", CodeKind.PHARMACY);
            List<PrescriptionLine> lines = new ArrayList<>();
            List<Segment> anchors = Hl7Path.Segments.all(msg, lineSegment);
            for (int i = 0; i < anchors.size(); i++) {
                lines.add(prescriptionLine(new Line(anchors.get(i), i + 1), prefix));
            }
            if (lines.isEmpty()) {
                errors.add(new FieldError(lineSegment, 1, 0, FieldError.REQUIRED_FIELD_MISSING,
                        "a prescription needs at least one " + lineSegment));
            }
            return new Prescription(institution, hospRxNo, Optional.ofNullable(get("rx.type")).orElse("1"), at,
                    validDays, doctorCode, doctorName, get("visit.number"), get("insurance.mdtrtId"), person(),
                    diagnoses(), lines, pharmacy);
        }

        private PrescriptionLine prescriptionLine(Line line, String prefix) throws HL7Exception {
            String local = line.required(prefix + "code", "drug code");
            String hisName = line.get(prefix + "name");
            CatalogItem item = null;
            if (local != null) {
                item = snapshot.resolveItem(institution, local).orElse(null);
                if (item == null) {
                    line.unmapped(UnmappedCode.Kind.ITEM, prefix + "code", local, hisName);
                } else if (!DRUG_LIST_TYPES.contains(item.listType()) || !formats.valid(CodeKind.DRUG, item.code())) {
                    line.error(prefix + "code", FieldError.TABLE_VALUE_NOT_FOUND, "local code " + local + " maps to "
                            + item.code() + ", which is not a drug (X/Z code)");
                    item = null;
                }
            }
            BigDecimal quantity = line.positiveDecimal(prefix + "quantity", "dispense amount");
            String doseAmount = line.get(prefix + "doseAmount");
            String doseUnit = line.get(prefix + "doseUnit");
            String dosage = doseAmount == null ? null : doseUnit == null ? doseAmount : doseAmount + " " + doseUnit;
            Integer days = null;
            String daysText = line.get(prefix + "days");
            if (daysText != null) {
                days = Hl7Values.integer(daysText);
                if (days == null || days <= 0) {
                    line.error(prefix + "days", FieldError.DATA_TYPE_ERROR, "days '" + daysText
                            + "' is not a positive whole number");
                    days = null;
                }
            }
            return new PrescriptionLine(line.repetition, local, item == null ? null : item.code(),
                    hisName != null ? hisName : item == null ? null : item.name(), quantity, line.get(prefix + "unit"),
                    dosage, line.get(prefix + "frequency"), days, line.get(prefix + "route"));
        }

        // ---- person, operator ----

        private PersonIdentity person() throws HL7Exception {
            String evoucher = get("patient.evoucher");
            String certno = get("patient.certno");
            String cardNo = get("patient.cardNo");
            String derivedType = evoucher != null ? "01" : certno != null ? "02" : cardNo != null ? "03" : null;
            String certType = get("insurance.certType");
            if (certType != null && !CERT_TYPES.contains(certType)) {
                error("insurance.certType", FieldError.TABLE_VALUE_NOT_FOUND, "mdtrt_cert_type '" + certType
                        + "' is not one of 01 (e-voucher), 02 (ID), 03 (card)");
                certType = null;
            }
            if (certType == null) {
                certType = derivedType;
            }
            String certNo = get("insurance.certNo");
            if (certNo == null && certType != null) {
                certNo = switch (certType) {
                    case "01" -> evoucher;
                    case "02" -> certno;
                    default -> cardNo;
                };
            }
            if (certNo == null) {
                error("patient.certno", FieldError.REQUIRED_FIELD_MISSING, "no medical certificate: PID-3 needs an "
                        + "identifier of type EV (e-voucher), ID (resident ID) or SS (card), or ZIN-1/ZIN-2");
            }
            if (certno != null && !formats.valid(CodeKind.RESIDENT_ID, certno)) {
                error("patient.certno", FieldError.DATA_TYPE_ERROR, "resident ID number " + certno
                        + " is not valid (" + formats.describe(CodeKind.RESIDENT_ID) + ")");
            }
            return new PersonIdentity(certType, certNo, get("insurance.cardSn"), certno, patientName(),
                    get("patient.psnNo"));
        }

        /** Chinese names come whole in XPN-1; a western family/given pair is joined with a space. */
        private String patientName() throws HL7Exception {
            String family = get("patient.familyName");
            String given = get("patient.givenName");
            if (given == null) {
                return family;
            }
            if (family == null) {
                return given;
            }
            boolean cjk = family.codePoints()
                    .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            return cjk ? family + given : family + " " + given;
        }

        private Operator operator() throws HL7Exception {
            String id = get("operator.id");
            return id == null ? Operator.system() : new Operator("1", id, or(get("operator.name"), id));
        }

        private LocalDateTime messageTime() throws HL7Exception {
            LocalDateTime t = time("event.time", null);
            return t != null ? t : time("message.time", null);
        }

        // ---- message-level field access ----

        private String get(String key) throws HL7Exception {
            return value(Hl7Path.of(conventions.path(key)));
        }

        private String value(Hl7Path path) throws HL7Exception {
            return path.get(msg);
        }

        /** For fallbacks where a missing segment is no error. */
        private String quiet(String key) {
            try {
                return get(key);
            } catch (HL7Exception e) {
                return null;
            }
        }

        private String required(String key, String what) throws HL7Exception {
            String v = get(key);
            if (v == null) {
                missing(key, what);
            }
            return v;
        }

        private String oneOf(String key, String defaultValue, Set<String> allowed, String what) throws HL7Exception {
            String v = get(key);
            if (v == null) {
                return defaultValue;
            }
            if (!allowed.contains(v)) {
                error(key, FieldError.TABLE_VALUE_NOT_FOUND, what + " '" + v + "' is not one of " + sorted(allowed));
                return defaultValue;
            }
            return v;
        }

        private String nationalCode(String key, CodeKind kind) throws HL7Exception {
            String v = get(key);
            if (v != null && !formats.valid(kind, v)) {
                error(key, FieldError.DATA_TYPE_ERROR, v + " is not a national " + kind.name().toLowerCase()
                        .replace('_', ' ') + " code (" + formats.describe(kind) + ")");
                return null;
            }
            return v;
        }

        private LocalDateTime time(String key, LocalDateTime fallback) throws HL7Exception {
            String v = get(key);
            if (v == null) {
                return fallback;
            }
            LocalDateTime t = Hl7Values.dateTime(v);
            if (t == null) {
                error(key, FieldError.DATA_TYPE_ERROR, "'" + v + "' is not an HL7 date/time (YYYYMMDD[HHMM[SS]])");
                return fallback;
            }
            return t;
        }

        private void missing(String key, String what) {
            error(key, FieldError.REQUIRED_FIELD_MISSING, what + " is missing");
        }

        private void error(String key, String code, String text) {
            Hl7Path p = Hl7Path.of(conventions.path(key));
            errors.add(new FieldError(p.segment(), 1, p.field(), code, text + " (" + p.segment() + "-" + p.field()
                    + ")"));
        }

        /** Field access relative to one repeating segment (an FT1, DG1, RXE, RXO), errors located at it. */
        private final class Line {
            private final Segment anchor;
            private final int repetition;

            Line(Segment anchor, int repetition) {
                this.anchor = anchor;
                this.repetition = repetition;
            }

            String get(String key) throws HL7Exception {
                return Hl7Path.of(conventions.path(key)).get(msg, anchor);
            }

            String required(String key, String what) throws HL7Exception {
                String v = get(key);
                if (v == null) {
                    error(key, FieldError.REQUIRED_FIELD_MISSING, what + " is missing");
                }
                return v;
            }

            BigDecimal decimal(String key, String what, boolean required) throws HL7Exception {
                String v = get(key);
                if (v == null) {
                    if (required) {
                        error(key, FieldError.REQUIRED_FIELD_MISSING, what + " is missing");
                    }
                    return null;
                }
                BigDecimal d = Hl7Values.decimal(v);
                if (d == null) {
                    error(key, FieldError.DATA_TYPE_ERROR, what + " '" + v + "' is not a number");
                }
                return d;
            }

            BigDecimal positiveDecimal(String key, String what) throws HL7Exception {
                BigDecimal d = decimal(key, what, true);
                if (d != null && d.signum() <= 0) {
                    error(key, FieldError.DATA_TYPE_ERROR, what + " " + d.toPlainString() + " must be greater than 0");
                    return null;
                }
                return d;
            }

            String nationalCode(String key, CodeKind kind) throws HL7Exception {
                String v = get(key);
                if (v != null && !formats.valid(kind, v)) {
                    error(key, FieldError.DATA_TYPE_ERROR, v + " is not a national " + kind.name().toLowerCase()
                            + " code");
                    return null;
                }
                return v;
            }

            LocalDateTime time(String key, LocalDateTime fallback) throws HL7Exception {
                String v = get(key);
                if (v == null) {
                    return fallback;
                }
                LocalDateTime t = Hl7Values.dateTime(v);
                if (t == null) {
                    error(key, FieldError.DATA_TYPE_ERROR, "'" + v + "' is not an HL7 date/time");
                    return fallback;
                }
                return t;
            }

            void unmapped(UnmappedCode.Kind kind, String key, String local, String text) {
                Hl7Path p = Hl7Path.of(conventions.path(key));
                unmapped.add(new UnmappedCode(kind, local, p.segment(), repetition, p.field(), text));
            }

            void error(String key, String code, String text) {
                Hl7Path p = Hl7Path.of(conventions.path(key));
                // the error sits on the line's segment repetition when the field is on that segment
                int rep = p.segment().equals(anchor.getName()) ? repetition : 1;
                errors.add(new FieldError(p.segment(), rep, p.field(), code, text + " (" + p.segment() + "-"
                        + p.field() + ", repetition " + repetition + ")"));
            }
        }
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
