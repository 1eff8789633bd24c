package io.insurebridge.inbound.hl7;

import ca.uhn.hl7v2.HL7Exception;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what the product needs before a message is accepted: an MSH, a supported version and type, a message
 * HAPI can parse, and the fields the national transactions are built from. AR for what cannot be handled at all,
 * AE (one ERR per problem) for content the sender can fix.
 */
@Component
public class Hl7Validator {

    static final Set<String> SUPPORTED_VERSIONS = Set.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1");

    /** Required (segment, field) per message type; segments listed here must be present at least once. */
    private static final Map<String, List<Required>> REQUIRED = Map.of(
            "ADT^A04", List.of(req("PID", 3, "patient identifier"), req("PID", 5, "patient name"),
                    req("PV1", 19, "visit number"), req("PV1", 7, "attending doctor")),
            "ADT^A08", List.of(req("PID", 3, "patient identifier"), req("PV1", 19, "visit number")),
            "ADT^A11", List.of(req("PID", 3, "patient identifier"), req("PV1", 19, "visit number")),
            "DFT^P03", List.of(req("PID", 3, "patient identifier"), req("PV1", 19, "visit number"),
                    req("FT1", 7, "charge item code"), req("FT1", 10, "quantity")),
            "RDE^O11", List.of(req("PID", 3, "patient identifier"), req("ORC", 2, "prescription number"),
                    req("RXE", 2, "drug code"), req("RXE", 10, "dispense amount")),
            "OMP^O09", List.of(req("PID", 3, "patient identifier"), req("ORC", 2, "prescription number"),
                    req("RXO", 1, "drug code")));

    /** Numeric fields: a value that is present must be a number. */
    private static final List<Required> NUMERIC = List.of(req("FT1", 10, "quantity"), req("FT1", 11, "line total"),
            req("FT1", 12, "unit price"), req("RXE", 10, "dispense amount"), req("RXO", 11, "dispense amount"));

    private final Hl7Parser parser;
    private final int maxSegments;
    private final int maxFields;
    private final int maxFieldLength;

    /** At most this many over-long fields are named in one ACK (one ERR each). */
    static final int MAX_LENGTH_ERRORS = 10;

    /**
     * @param maxSegments    most segments a message may have (hostile input: HAPI would parse them all)
     * @param maxFields      most fields one segment may have
     * @param maxFieldLength most characters one field may have (as sent: repetitions, components and escapes
     *                       included); 0 or less switches the check off
     */
    public Hl7Validator(Hl7Parser parser, @Value("${insurebridge.hl7.max-segments:1000}") int maxSegments,
                        @Value("${insurebridge.hl7.max-fields:250}") int maxFields,
                        @Value("${insurebridge.hl7.max-field-length:4096}") int maxFieldLength) {
        this.parser = parser;
        this.maxSegments = maxSegments;
        this.maxFields = maxFields;
        this.maxFieldLength = maxFieldLength;
    }

    public ValidationOutcome validate(RawHl7 in) {
        if (!in.hasMsh()) {
            return reject(Hl7Error.at("MSH", 1, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR,
                    "message does not start with an MSH segment"));
        }
        if (in.controlId().isBlank()) {
            return reject(Hl7Error.at("MSH", 1, 10, Hl7Error.REQUIRED_FIELD_MISSING,
                    "MSH-10 message control id is empty"));
        }
        if (!SUPPORTED_VERSIONS.contains(in.version())) {
            return reject(Hl7Error.at("MSH", 1, 12, Hl7Error.UNSUPPORTED_VERSION,
                    "HL7 version '" + in.version() + "' is not supported (2.3 to 2.5.1)"));
        }
        Hl7Error oversized = sizeError(in);
        if (oversized != null) {
            return reject(oversized);
        }
        List<Hl7Error> overlong = lengthErrors(in);
        if (!overlong.isEmpty()) {
            return new ValidationOutcome(AckCode.AR, overlong);
        }
        String type = in.messageType();
        if (MessageKind.of(type).isEmpty()) {
            String base = in.component(in.field("MSH", 9), 1);
            int code = MessageKind.knowsType(base) ? Hl7Error.UNSUPPORTED_EVENT_CODE : Hl7Error.UNSUPPORTED_MESSAGE_TYPE;
            return reject(Hl7Error.at("MSH", 1, 9, code, "message type '" + type + "' is not supported"));
        }
        try {
            parser.parse(in.text());
        } catch (HL7Exception e) {
            return reject(Hl7Error.general(Hl7Error.SEGMENT_SEQUENCE_ERROR,
                    "message cannot be parsed: " + firstLine(e.getMessage())));
        }
        List<Hl7Error> errors = new ArrayList<>();
        for (Required r : REQUIRED.get(type)) {
            List<String[]> segments = in.segments(r.segment);
            if (segments.isEmpty()) {
                errors.add(Hl7Error.at(r.segment, 1, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR,
                        r.segment + " segment is missing"));
                continue;
            }
            for (int i = 0; i < segments.size(); i++) {
                if (value(segments.get(i), r.field).isBlank()) {
                    errors.add(Hl7Error.at(r.segment, i + 1, r.field, Hl7Error.REQUIRED_FIELD_MISSING,
                            r.segment + "-" + r.field + " " + r.name + " is required"));
                }
            }
        }
        for (Required r : NUMERIC) {
            List<String[]> segments = in.segments(r.segment);
            for (int i = 0; i < segments.size(); i++) {
                String v = value(segments.get(i), r.field);
                String first = in.component(v, 1);
                if (!v.isBlank() && !isNumber(first)) {
                    errors.add(Hl7Error.at(r.segment, i + 1, r.field, Hl7Error.DATA_TYPE_ERROR,
                            r.segment + "-" + r.field + " " + r.name + " '" + first + "' is not a number"));
                }
            }
        }
        return errors.isEmpty() ? ValidationOutcome.ACCEPTED : new ValidationOutcome(AckCode.AE, errors);
    }

    /** Checked before HAPI sees the message: size limits keep a hostile message from costing time and memory. */
    private Hl7Error sizeError(RawHl7 in) {
        List<String> names = in.segmentNames();
        if (names.size() > maxSegments) {
            return Hl7Error.general(Hl7Error.SEGMENT_SEQUENCE_ERROR, "message has " + names.size()
                    + " segments; at most " + maxSegments + " are accepted");
        }
        for (int i = 0; i < names.size(); i++) {
            int fields = in.fieldCount(i);
            if (fields > maxFields) {
                return Hl7Error.at(names.get(i), 1, 0, Hl7Error.SEGMENT_SEQUENCE_ERROR, "segment " + (i + 1)
                        + " has " + fields + " fields; at most " + maxFields + " are accepted");
            }
        }
        return null;
    }

    /**
     * Fields longer than max-field-length, named by segment, its sequence and field ("PID-5", "FT1[2]-7"), before
     * HAPI sees the message: a hostile 50 KB name must not travel on into the store's columns, the mapping and the
     * national interface.
     */
    private List<Hl7Error> lengthErrors(RawHl7 in) {
        List<Hl7Error> errors = new ArrayList<>();
        if (maxFieldLength <= 0) {
            return errors;
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<String> names = in.segmentNames();
        for (int i = 0; i < names.size() && errors.size() < MAX_LENGTH_ERRORS; i++) {
            String name = names.get(i);
            int sequence = seen.merge(name, 1, Integer::sum);
            String[] fields = in.segmentFields(i);
            for (int n = 1; n < fields.length && errors.size() < MAX_LENGTH_ERRORS; n++) {
                int length = fields[n].length();
                if (length > maxFieldLength) {
                    Hl7Error at = Hl7Error.at(name, sequence, n, Hl7Error.DATA_TYPE_ERROR, "");
                    errors.add(Hl7Error.at(name, sequence, n, Hl7Error.DATA_TYPE_ERROR, at.location()
                            + " longer than " + maxFieldLength + " characters (" + length + ")"));
                }
            }
        }
        return errors;
    }

    private static ValidationOutcome reject(Hl7Error error) {
        return new ValidationOutcome(AckCode.AR, List.of(error));
    }

    private static String value(String[] fields, int n) {
        return n < fields.length ? fields[n] : "";
    }

    private static boolean isNumber(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.split("\n", 2)[0];
    }

    private static Required req(String segment, int field, String name) {
        return new Required(segment, field, name);
    }

    private record Required(String segment, int field, String name) {}
}
