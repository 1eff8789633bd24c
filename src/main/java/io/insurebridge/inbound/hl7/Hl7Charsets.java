package io.insurebridge.inbound.hl7;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Maps HL7 MSH-18 character set names (table 0211) to Java charsets. */
final class Hl7Charsets {

    private static final Map<String, Charset> BY_HL7_NAME = Map.of(
            "UNICODE UTF-8", StandardCharsets.UTF_8,
            "UTF-8", StandardCharsets.UTF_8,
            "ASCII", StandardCharsets.US_ASCII,
            "8859/1", StandardCharsets.ISO_8859_1,
            "GB 18030-2000", Charset.forName("GB18030"),
            "GB18030", Charset.forName("GB18030"),
            "GBK", Charset.forName("GBK"));

    private Hl7Charsets() {}

    /** The charset MSH-18 names, or the connector's default when MSH-18 is empty or unknown. */
    static Charset resolve(String msh18, Charset fallback) {
        if (msh18 == null || msh18.isBlank()) {
            return fallback;
        }
        String name = msh18.split("~")[0].trim().toUpperCase(Locale.ROOT);
        Charset known = BY_HL7_NAME.get(name);
        if (known != null) {
            return known;
        }
        try {
            Charset named = Charset.forName(name);
            return asciiCompatible(named) ? named : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    /**
     * MLLP frames and HL7 delimiters are single bytes, so only a charset that writes ASCII as ASCII can carry HL7.
     * Java knows "UNICODE" (and "UTF-16", "UTF-32", ...) as 2/4-byte charsets: honouring a (cut-off) MSH-18 of
     * "UNICODE" would decode the message as garbage and answer in UTF-16, which the HIS cannot read.
     */
    private static boolean asciiCompatible(Charset charset) {
        String probe = "MSH|^~\\&\r";
        try {
            return java.util.Arrays.equals(probe.getBytes(charset), probe.getBytes(StandardCharsets.US_ASCII));
        } catch (UnsupportedOperationException cannotEncode) {
            return false;
        }
    }
}
