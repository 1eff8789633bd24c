package io.insurebridge.circulation;

import com.fasterxml.jackson.databind.JsonNode;
import io.insurebridge.platform.PlatformJson;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * The signed prescription as HL7 v2.5.1 RDS^O13 for a pharmacy connector of kind pharmacy-mllp (segments in
 * docs/circulation.md): PID (insurance numbers only), PV1, then per drug ORC, RXE, TQ1, RXR, RXD, RXR; after the
 * first drug an OBX carrying the whole signed payload (Base64 of the JSON), so the pharmacy verifies the SM2
 * signature on exactly what was signed.
 */
public final class RdsMessage {

    static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    static final DateTimeFormatter PLATFORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** OBX-3 of the segment carrying the signed payload. */
    public static final String SIGNED_PAYLOAD_ID = "SIGNED-RX^Signed e-prescription JSON^L";

    private RdsMessage() {}

    /** MSH-10: the last 20 characters of hi_rxno (its time and serial), the same on every redelivery. */
    public static String controlId(String hiRxno) {
        return hiRxno.length() <= 20 ? hiRxno : hiRxno.substring(hiRxno.length() - 20);
    }

    public static String of(String signedPayload, String pharmacyCode, LocalDateTime now) {
        JsonNode rx = PlatformJson.read(signedPayload, JsonNode.class).path("rx");
        String hiRxno = rx.path("hi_rxno").asText();
        StringBuilder m = new StringBuilder();
        seg(m, "MSH", "^~\\&", "INSUREBRIDGE", esc(rx.path("institution").path("fixmedins_code").asText()),
                "PHARMACY", esc(pharmacyCode), HL7_TIME.format(now), "", "RDS^O13^RDS_O13", controlId(hiRxno), "P",
                "2.5.1", "", "", "AL", "NE", "", "UNICODE UTF-8");
        JsonNode patient = rx.path("patient");
        String psnNo = patient.path("psn_no").asText("");
        seg(m, "PID", "1", "", psnNo.isEmpty() ? "" : esc(psnNo) + "^^^NHSA^PN", "", "");
        JsonNode doctor = rx.path("doctor");
        String drCode = esc(doctor.path("dr_code").asText()) + "^" + esc(doctor.path("dr_name").asText());
        seg(m, "PV1", "1", "O", "", "", "", "", drCode, "", "", "", "", "", "", "", "", "", "", "",
                esc(patient.path("ipt_otp_no").asText("")));
        String prescribed = hl7Time(rx.path("prsc_time").asText(""));
        boolean first = true;
        for (JsonNode d : rx.path("drugs")) {
            String seq = d.path("rx_seq").asText();
            String code = esc(d.path("med_list_codg").asText()) + "^" + esc(d.path("drug_name").asText()) + "^NHSA";
            String cnt = d.path("drug_cnt").asText();
            String unit = esc(d.path("drug_dosunt").asText(""));
            seg(m, "ORC", "NW", esc(rx.path("hosp_rxno").asText()) + "^" + seq, hiRxno + "^" + seq, "", "", "", "",
                    "", prescribed, "", "", drCode);
            seg(m, "RXE", "", code, "", "", "", "", "^" + esc(d.path("sin_dos_dscr").asText("")), "", "", cnt, unit);
            String days = d.path("prd_days").asText("");
            seg(m, "TQ1", "1", "", esc(d.path("used_frqu_dscr").asText("")), "", "", days.isEmpty() ? "" : days + "^d",
                    prescribed, hl7Time(rx.path("valid_end_time").asText("")));
            seg(m, "RXR", esc(d.path("medc_way_dscr").asText("")));
            seg(m, "RXD", seq, code, "", cnt, unit);
            seg(m, "RXR", esc(d.path("medc_way_dscr").asText("")));
            if (first) {
                seg(m, "OBX", "1", "ED", SIGNED_PAYLOAD_ID, "", "^application^json^Base64^"
                        + Base64.getEncoder().encodeToString(signedPayload.getBytes(StandardCharsets.UTF_8)), "", "",
                        "", "", "", "F");
                first = false;
            }
        }
        return m.toString();
    }

    /** The signed payload back from an RDS^O13 (what a receiving pharmacy verifies); null when absent. */
    public static String signedPayload(String rds) {
        for (String segment : rds.split("\r")) {
            String[] f = segment.split("\\|", -1);
            if (f[0].equals("OBX") && f.length > 5 && f[3].startsWith("SIGNED-RX^")) {
                String[] parts = f[5].split("\\^", -1);
                return new String(Base64.getDecoder().decode(parts[parts.length - 1]), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void seg(StringBuilder m, String name, String... fields) {
        m.append(name);
        for (String field : fields) {
            m.append('|').append(field);   // for MSH the first '|' is MSH-1 and fields[0] is MSH-2
        }
        m.append('\r');
    }

    private static String hl7Time(String platformTime) {
        if (platformTime == null || platformTime.isBlank()) {
            return "";
        }
        try {
            return HL7_TIME.format(LocalDateTime.parse(platformTime, PLATFORM_TIME));
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** HL7 escapes for the delimiters inside a value. */
    static String esc(String v) {
        if (v == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                case '\r', '\n' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
