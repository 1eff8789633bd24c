package io.insurebridge.inbound.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A received HL7 v2 message as text with its segments split, read without HAPI: the front door must be able to
 * answer (and store) even what HAPI cannot parse. Segment separators CR, LF and CRLF are all accepted.
 */
public final class RawHl7 {

    private final String text;
    private final List<String[]> segments;
    private final char fieldSeparator;
    private final char componentSeparator;
    private final Charset charset;

    private RawHl7(String text, Charset charset) {
        this.text = text;
        this.charset = charset;
        this.segments = new ArrayList<>();
        char fs = '|';
        char cs = '^';
        if (text.startsWith("MSH") && text.length() > 4) {
            fs = text.charAt(3);
            cs = text.length() > 4 ? text.charAt(4) : '^';
        }
        this.fieldSeparator = fs;
        this.componentSeparator = cs;
        for (String line : text.split("\r")) {
            if (!line.isBlank()) {
                segments.add(splitFields(line, fs));
            }
        }
    }

    /**
     * Decodes the bytes: first as ISO-8859-1 just to read MSH-18, then in the charset MSH-18 names (or the
     * connector's default), and normalises the segment separator to CR.
     */
    public static RawHl7 decode(byte[] bytes, Charset connectorDefault) {
        String probe = new String(bytes, StandardCharsets.ISO_8859_1);
        String msh18 = mshField(normalise(probe), 18);
        Charset charset = Hl7Charsets.resolve(msh18, connectorDefault);
        return new RawHl7(normalise(new String(bytes, charset)), charset);
    }

    public static RawHl7 of(String text) {
        return new RawHl7(normalise(text), StandardCharsets.UTF_8);
    }

    static String normalise(String text) {
        String t = text.replace("\r\n", "\r").replace('\n', '\r');
        // strip stray framing bytes and leading whitespace some senders leave in
        int start = 0;
        while (start < t.length() && (Character.isWhitespace(t.charAt(start)) || t.charAt(start) == 0x0b)) {
            start++;
        }
        int end = t.length();
        while (end > start && (t.charAt(end - 1) == 0x1c || t.charAt(end - 1) == '\r' || t.charAt(end - 1) == 0)) {
            end--;
        }
        return t.substring(start, end) + "\r";
    }

    private static String mshField(String text, int n) {
        if (!text.startsWith("MSH") || text.length() < 4) {
            return null;
        }
        String first = text.split("\r", 2)[0];
        String[] f = splitFields(first, text.charAt(3));
        return n < f.length ? f[n] : null;
    }

    /** MSH fields are numbered so that MSH-1 is the field separator itself; other segments number from the name. */
    private static String[] splitFields(String line, char fs) {
        String[] raw = line.split(java.util.regex.Pattern.quote(String.valueOf(fs)), -1);
        if (raw[0].equals("MSH")) {
            String[] f = new String[raw.length + 1];
            f[0] = "MSH";
            f[1] = String.valueOf(fs);
            System.arraycopy(raw, 1, f, 2, raw.length - 1);
            return f;
        }
        return raw;
    }

    public boolean hasMsh() {
        return !segments.isEmpty() && "MSH".equals(segments.get(0)[0]) && segments.get(0).length > 2;
    }

    public String text() { return text; }

    public Charset charset() { return charset; }

    public char componentSeparator() { return componentSeparator; }

    public char fieldSeparator() { return fieldSeparator; }

    /** The whole field n of the first segment with this name, or "" when absent. */
    public String field(String segment, int n) {
        return segments(segment).stream().findFirst().map(f -> n < f.length ? f[n] : "").orElse("");
    }

    /** Component c (1-based) of a field value. */
    public String component(String fieldValue, int c) {
        String[] parts = fieldValue.split(java.util.regex.Pattern.quote(String.valueOf(componentSeparator)), -1);
        return c - 1 < parts.length ? parts[c - 1] : "";
    }

    public List<String[]> segments(String name) {
        return segments.stream().filter(s -> s[0].equals(name)).toList();
    }

    /** Number of fields of the i-th segment (0-based), the segment name included. */
    public int fieldCount(int i) {
        return segments.get(i).length;
    }

    /** The fields of the i-th segment (0-based), numbered as in field(): index n is field n. */
    String[] segmentFields(int i) {
        return segments.get(i);
    }

    public List<String> segmentNames() {
        return segments.stream().map(s -> s[0]).toList();
    }

    public String sendingApp() { return component(field("MSH", 3), 1); }
    public String sendingFacility() { return component(field("MSH", 4), 1); }
    public String receivingApp() { return component(field("MSH", 5), 1); }
    public String receivingFacility() { return component(field("MSH", 6), 1); }
    public String controlId() { return field("MSH", 10); }
    public String processingId() { return field("MSH", 11); }
    public String version() { return component(field("MSH", 12), 1); }
    public String charsetField() { return field("MSH", 18); }

    /** MSH-9 as TYPE^EVENT, e.g. ADT^A04 (the structure component is dropped). */
    public String messageType() {
        String msh9 = field("MSH", 9);
        String type = component(msh9, 1);
        String event = component(msh9, 2);
        return event.isEmpty() ? type : type + "^" + event;
    }

    @Override
    public String toString() {
        return "RawHl7" + Arrays.toString(segmentNames().toArray());
    }
}
