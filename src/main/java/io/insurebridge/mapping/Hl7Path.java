package io.insurebridge.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a logical field lives in a message. Two forms:
 * <ul>
 *   <li>{@code SEG[(n)]-field[(rep)][-component[-subcomponent]][[TYPE]]}, e.g. {@code FT1-10}, {@code PV1-3-9},
 *   {@code ZIN-4}, {@code PID-3[EV]}: the segment is looked up relative to the line being read (the FT1, DG1, RXE
 *   itself or its group) or, for message-level fields, as the first such segment anywhere. Repetition indexes are
 *   0-based as in Terser. {@code [TYPE]} picks the repetition whose component 5 (CX-5 identifier type) is TYPE and
 *   reads its component 1.</li>
 *   <li>an absolute Terser path starting with {@code /}, e.g. {@code /PATIENT/PID-5-1}, read with Terser.</li>
 * </ul>
 */
final class Hl7Path {
    private static final Pattern RELATIVE = Pattern.compile(
            "([A-Z][A-Z0-9]{2})(?:\\((\\d+)\\))?-(\\d+)(?:\\((\\d+)\\))?(?:-(\\d+))?(?:-(\\d+))?"
                    + "(?:\\[([A-Za-z0-9]+)])?");
    private static final Pattern ABSOLUTE_TAIL = Pattern.compile("([A-Z][A-Z0-9]{2})(?:\\(\\d+\\))?-(\\d+)");
    private static final Map<String, Hl7Path> CACHE = new ConcurrentHashMap<>();

    private final String spec;
    private final boolean absolute;
    private final String segment;
    private final int segmentRep;
    private final int field;
    private final int fieldRep;
    private final int component;
    private final int subcomponent;
    private final String identifierType;

    private Hl7Path(String spec) {
        this.spec = spec;
        this.absolute = spec.startsWith("/");
        if (absolute) {
            Matcher tail = ABSOLUTE_TAIL.matcher(spec);
            String seg = "";
            int f = 0;
            while (tail.find()) {
                seg = tail.group(1);
                f = Integer.parseInt(tail.group(2));
            }
            if (f == 0) {
                throw new IllegalArgumentException("'" + spec + "' is not a Terser path to a field");
            }
            segment = seg;
            field = f;
            segmentRep = fieldRep = 0;
            component = subcomponent = 1;
            identifierType = null;
        } else {
            Matcher m = RELATIVE.matcher(spec);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + spec
                        + "' is not a field path (SEG-field[-component[-subcomponent]] or an absolute Terser path)");
            }
            segment = m.group(1);
            segmentRep = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            field = Integer.parseInt(m.group(3));
            fieldRep = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            component = m.group(5) == null ? 1 : Integer.parseInt(m.group(5));
            subcomponent = m.group(6) == null ? 1 : Integer.parseInt(m.group(6));
            identifierType = m.group(7);
        }
    }

    static Hl7Path of(String spec) {
        return CACHE.computeIfAbsent(spec.strip(), Hl7Path::new);
    }

    String segment() { return segment; }
    int field() { return field; }
    String spec() { return spec; }

    /** Message-level read: the first matching segment anywhere in the message. Empty values come back as null. */
    String get(Message message) throws HL7Exception {
        if (absolute) {
            return blankToNull(new Terser(message).get(spec));
        }
        List<Segment> found = Segments.all(message, segment);
        return found.size() > segmentRep ? read(found.get(segmentRep)) : null;
    }

    /** Line-level read: the anchor segment itself, else the first such segment in the anchor's group. */
    String get(Message message, Segment anchor) throws HL7Exception {
        if (absolute) {
            return get(message);
        }
        if (anchor.getName().equals(segment) && segmentRep == 0) {
            return read(anchor);
        }
        Group group = anchor.getParent();
        List<Segment> found = Segments.all(group == null ? message : group, segment);
        return found.size() > segmentRep ? read(found.get(segmentRep)) : null;
    }

    private String read(Segment s) throws HL7Exception {
        if (identifierType == null) {
            return blankToNull(Terser.get(s, field, fieldRep, component, subcomponent));
        }
        int reps = s.getField(field).length;
        for (int rep = 0; rep < reps; rep++) {
            if (identifierType.equals(Terser.get(s, field, rep, 5, 1))) {
                return blankToNull(Terser.get(s, field, rep, component, subcomponent));
            }
        }
        return null;
    }

    private static String blankToNull(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.isEmpty() || "\"\"".equals(t) ? null : t;
    }

    @Override
    public String toString() { return spec; }

    /** Finds segments by name in document order, through nested groups (also non-standard Z segments). */
    static final class Segments {
        private Segments() {}

        static List<Segment> all(Group group, String name) throws HL7Exception {
            List<Segment> result = new java.util.ArrayList<>();
            collect(group, name, result);
            return result;
        }

        private static void collect(Group group, String name, List<Segment> result) throws HL7Exception {
            for (String child : group.getNames()) {
                for (Structure s : group.getAll(child)) {
                    if (s instanceof Segment seg) {
                        if (seg.getName().equals(name) && !seg.isEmpty()) {
                            result.add(seg);
                        }
                    } else if (s instanceof Group g) {
                        collect(g, name, result);
                    }
                }
            }
        }
    }
}
