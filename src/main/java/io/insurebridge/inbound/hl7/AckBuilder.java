package io.insurebridge.inbound.hl7;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds HL7 ACKs by hand, so that the ACK code is always our decision (traps.md: an error handler must never
 * turn a failure into AA). MSH-3/4 and MSH-5/6 are swapped, MSH-11/12/18 echoed, MSA-2 is the incoming MSH-10.
 */
public final class AckBuilder {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSZ");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String DEFAULT_VERSION = "2.5.1";

    private AckBuilder() {}

    public static String build(RawHl7 in, AckCode code, String text, List<Hl7Error> errors,
                               List<String> resultSegments) {
        boolean msh = in != null && in.hasMsh();
        String event = msh ? in.component(in.field("MSH", 9), 2) : "";
        String version = msh && !in.version().isEmpty() ? in.field("MSH", 12) : DEFAULT_VERSION;
        String processingId = msh && !in.processingId().isEmpty() ? in.processingId() : "P";
        StringBuilder sb = new StringBuilder(256);
        sb.append("MSH|^~\\&|")
                .append(msh ? in.field("MSH", 5) : "").append('|')
                .append(msh ? in.field("MSH", 6) : "").append('|')
                .append(msh ? in.field("MSH", 3) : "").append('|')
                .append(msh ? in.field("MSH", 4) : "").append('|')
                .append(ZonedDateTime.now().format(TS)).append("||ACK^").append(event).append("^ACK|")
                .append(ackControlId()).append('|').append(processingId).append('|').append(version)
                .append("||||||").append(msh ? honouredCharset(in) : "").append('\r');
        sb.append("MSA|").append(code.name()).append('|').append(msh ? in.controlId() : "").append('|')
                .append(Hl7Escaping.escape(text)).append('\r');
        for (Hl7Error e : errors) {
            sb.append(err(e)).append('\r');
        }
        for (String segment : resultSegments) {
            sb.append(segment).append('\r');
        }
        return sb.toString();
    }

    /**
     * ERR-1 (the 2.3/2.4 location+code field, kept for older HIS) and ERR-2/3/4/8 of 2.5:
     * ERR|seg^seq^field^code&amp;text|seg^seq^field^rep^comp|code^text^HL70357|E||||human text
     */
    private static String err(Hl7Error e) {
        String location = e.segment() == null ? ""
                : e.segment() + "^" + Math.max(1, e.sequence()) + "^" + (e.field() > 0 ? e.field() : "");
        String erl = e.segment() == null ? ""
                : location + "^" + (e.field() > 0 ? "1" : "") + "^" + (e.component() > 0 ? e.component() : "");
        String err1 = e.segment() == null ? "" : location + "^" + e.code() + "&" + e.codeText();
        return "ERR|" + err1 + "|" + erl + "|" + e.code() + "^" + e.codeText() + "^HL70357|E||||"
                + Hl7Escaping.escape(e.text());
    }

    /** MSH-18 echoed only when the message was read in it (an unknown or 2-byte charset is not what we answer in). */
    private static String honouredCharset(RawHl7 in) {
        String msh18 = in.charsetField();
        return msh18.isBlank() || Hl7Charsets.resolve(msh18, null) == null ? "" : msh18;
    }

    private static String ackControlId() {
        return "ACK" + System.currentTimeMillis() + String.format("%04d", SEQUENCE.incrementAndGet() % 10000);
    }
}
