package io.insurebridge.faults;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Hostile variants of national-platform request envelopes (each with its own msgid unless the mutation hits it). */
final class JsonMutator {

    private JsonMutator() {}

    static String envelope(String infno, String msgid, String input) {
        return """
                {"infno":"%s","msgid":"%s","mdtrtarea_admvs":"330100","insuplc_admdvs":"330100",\
                "recer_sys_code":"YBXT","infver":"V1.0","opter_type":"1","opter":"OP01","opter_name":"Cashier",\
                "inf_time":"2026-11-30 12:00:00","fixmedins_code":"H33010000001","fixmedins_name":"Demo",\
                "input":%s}""".formatted(infno, msgid, input);
    }

    static final String[][] BASES = {
        {"1101", "{\"data\":{\"mdtrt_cert_type\":\"01\",\"mdtrt_cert_no\":\"EV330100000001\",\"psn_cert_type\":\"01\"}}"},
        {"2201", "{\"data\":{\"psn_no\":\"33010000000000000001\",\"insutype\":\"310\",\"begntime\":\"2026-11-30 10:00:00\","
                + "\"mdtrt_cert_type\":\"02\",\"mdtrt_cert_no\":\"330102198001150117\",\"atddr_no\":\"D330100000001\","
                + "\"ipt_otp_no\":\"FUZZ\"}}"},
        {"2204", "{\"feedetail\":[{\"feedetl_sn\":\"1\",\"mdtrt_id\":\"NOPE\",\"psn_no\":\"33010000000000000001\","
                + "\"chrg_bchno\":\"B1\",\"med_list_codg\":\"001102000000100\",\"cnt\":1,\"pric\":10.00,"
                + "\"det_item_fee_sumamt\":10.00}]}"},
        {"2207", "{\"data\":{\"psn_no\":\"33010000000000000001\",\"mdtrt_id\":\"NOPE\",\"mdtrt_cert_type\":\"02\","
                + "\"med_type\":\"11\",\"acct_used_flag\":\"1\",\"medfee_sumamt\":10.00}}"},
        {"2208", "{\"data\":{\"setl_id\":\"NOPE\",\"mdtrt_id\":\"NOPE\",\"psn_no\":\"33010000000000000001\"}}"},
    };

    static byte[] mutate(Random random, int i) {
        String[] base = BASES[random.nextInt(BASES.length)];
        String msgid = "H33010000001" + "20261130" + String.format("%010d", 9_000_000_000L + i);
        String text = envelope(base[0], msgid, base[1]);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(9)) {
            case 0 -> { // bit flips
                for (int n = 1 + random.nextInt(6); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> { return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)); }
            case 2 -> { // wrong types
                String[] values = {"null", "[]", "{}", "1e309", "-1", "\"\"", "true", "123456789012345678901234567890",
                    "\"" + "9".repeat(50) + "\""};
                return text.replaceAll(":\"[^\"]*\"", ":" + values[random.nextInt(values.length)])
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> { // one value replaced by a wrong type, the rest intact
                String[] values = {"null", "[1,2]", "{\"a\":1}", "-0.001", "\"2026-13-45 99:99:99\"", "\"<script>\""};
                String v = values[random.nextInt(values.length)];
                String[] keys = {"\"cnt\":1", "\"pric\":10.00", "\"input\":", "\"data\":", "\"psn_no\":\"33010000000000000001\"",
                    "\"mdtrt_cert_type\":\"01\"", "\"infno\":\"" + base[0] + "\""};
                String k = keys[random.nextInt(keys.length)];
                String key = k.substring(0, k.indexOf(':') + 1);
                return text.replace(k, key + v + (k.endsWith(":") ? ",\"x\":" : "")).getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> { // huge string
                return text.replace("Cashier", "名".repeat(10_000 + random.nextInt(100_000))).getBytes(StandardCharsets.UTF_8);
            }
            case 5 -> { // deep nesting
                int depth = 500 + random.nextInt(5_000);
                return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.UTF_8);
            }
            case 6 -> { // invalid UTF-8 inside a string
                String s = text.replace("Cashier", "\u0000");
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int at = s.indexOf('\u0000');
                b[at] = (byte) 0xC3;
                return b;
            }
            case 7 -> { // empty, whitespace, not JSON at all
                String[] junk = {"", " ", "null", "[]", "\"x\"", "<xml/>", "{", "}", "{\"infno\":}"};
                return junk[random.nextInt(junk.length)].getBytes(StandardCharsets.UTF_8);
            }
            default -> { // unknown or missing infno / msgid
                String[] infnos = {"", "9999", "2203A", "../../etc", "１１０１"};
                return text.replace("\"infno\":\"" + base[0] + "\"", "\"infno\":\"" + infnos[random.nextInt(infnos.length)]
                        + "\"").replace(msgid, random.nextBoolean() ? "" : msgid + "X".repeat(random.nextInt(80)))
                        .getBytes(StandardCharsets.UTF_8);
            }
        }
    }
}
