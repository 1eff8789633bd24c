package io.insurebridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Path 3, the settlement node alone over its national JSON interface: per iteration a visit is prepared with
 * 1101, 2201, 2203 and 2204 (timed as "setup"), then its 2207 is timed. Each worker has its own HTTP/1.1 client,
 * so its connection is kept alive and reused.
 */
public final class NodeScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSPITAL = "H33010000001";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final AtomicLong SEQ = new AtomicLong();

    private NodeScenario() {}

    public static LoadGenerator.SessionFactory settlements(int httpPort, String run, int persons, int offset,
                                                           LatencyStats setup, LatencyStats settle) {
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/fsi/api/callService");
        long runSeq = Math.abs(run.hashCode() % 100) * 100_000_000L;
        return worker -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            return n -> {
                BenchPersons.Person p = BenchPersons.person((int) ((offset + n) % persons));
                String now = LocalDateTime.now().format(TIME);
                long t0 = System.nanoTime();
                JsonNode info = call(http, uri, runSeq, "1101", input(data -> data.put("mdtrt_cert_type", "02")
                        .put("mdtrt_cert_no", p.certno()).put("psn_cert_type", "01")));
                JsonNode reg = info == null ? null : call(http, uri, runSeq, "2201", input(data -> data
                        .put("psn_no", p.psnNo()).put("insutype", "310").put("begntime", now)
                        .put("mdtrt_cert_type", "02").put("mdtrt_cert_no", p.certno())
                        .put("atddr_no", "D330100000001").put("ipt_otp_no", "N" + run + "-" + n)));
                String mdtrtId = reg == null ? null : reg.path("output").path("data").path("mdtrt_id").asText();
                boolean ready = mdtrtId != null
                        && call(http, uri, runSeq, "2203", visitInfo(mdtrtId, p.psnNo(), now)) != null
                        && call(http, uri, runSeq, "2204", fees(mdtrtId, p.psnNo(), now)) != null;
                setup.recordNanos(System.nanoTime() - t0);
                if (!ready) {
                    setup.error("setup of visit " + n + " refused: " + lastError.get());
                    return;
                }
                long t1 = System.nanoTime();
                JsonNode settled = call(http, uri, runSeq, "2207", input(data -> data.put("psn_no", p.psnNo())
                        .put("mdtrt_id", mdtrtId).put("mdtrt_cert_type", "02").put("mdtrt_cert_no", p.certno())
                        .put("med_type", "11").put("chrg_bchno", "B1").put("insutype", "310")
                        .put("acct_used_flag", "1").put("psn_setlway", "01")));
                settle.recordNanos(System.nanoTime() - t1);
                if (settled == null || settled.path("output").path("setlinfo").path("setl_id").asText().isEmpty()) {
                    settle.error("2207 of visit " + n + ": " + lastError.get());
                }
            };
        };
    }

    private static final ThreadLocal<String> lastError = new ThreadLocal<>();

    /** The response envelope when infcode is 0, else null (the reason in lastError). */
    private static JsonNode call(HttpClient http, URI uri, long runSeq, String infno, ObjectNode input)
            throws Exception {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("infno", infno).put("msgid", HOSPITAL + "2026113012" + String.format("%08d",
                        (runSeq + SEQ.incrementAndGet()) % 100_000_000L))
                .put("mdtrtarea_admvs", "330100").put("insuplc_admdvs", "330100").put("recer_sys_code", "YBXT")
                .put("infver", "V1.0").put("opter_type", "1").put("opter", "OP01").put("opter_name", "Cashier")
                .put("inf_time", LocalDateTime.now().format(TIME)).put("fixmedins_code", HOSPITAL)
                .put("fixmedins_name", "Demo East First People's Hospital").set("input", input);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(envelope))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200 || body.path("infcode").asInt(-1) != 0) {
            lastError.set(infno + " -> " + response.statusCode() + " " + body.path("err_msg").asText());
            return null;
        }
        return body;
    }

    private static ObjectNode input(java.util.function.Consumer<ObjectNode> data) {
        ObjectNode input = JSON.createObjectNode();
        data.accept(input.putObject("data"));
        return input;
    }

    private static ObjectNode visitInfo(String mdtrtId, String psnNo, String now) {
        ObjectNode input = JSON.createObjectNode();
        input.putObject("mdtrtinfo").put("mdtrt_id", mdtrtId).put("psn_no", psnNo).put("med_type", "11")
                .put("begntime", now).put("dise_codg", "I10.x00");
        input.putArray("diseinfo").addObject().put("diag_type", "1").put("diag_srt_no", "1")
                .put("diag_code", "I10.x00");
        return input;
    }

    /** The same five lines as the HL7 path (national codes, honest line totals). */
    private static ObjectNode fees(String mdtrtId, String psnNo, String now) {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode lines = input.putArray("feedetail");
        String[][] items = {{"110200001000000", "1", "10.00"}, {"XC08CAA148A001000000001", "2", "28.50"},
                {"250101001000000", "1", "20.00"}, {"XR05XXA999A001000000007", "1", "15.00"},
                {"210300001000000", "1", "220.00"}};
        int sn = 1;
        for (String[] item : items) {
            java.math.BigDecimal cnt = new java.math.BigDecimal(item[1]);
            java.math.BigDecimal pric = new java.math.BigDecimal(item[2]);
            lines.addObject().put("feedetl_sn", String.valueOf(sn++)).put("mdtrt_id", mdtrtId).put("psn_no", psnNo)
                    .put("chrg_bchno", "B1").put("fee_ocur_time", now).put("med_list_codg", item[0])
                    .put("cnt", cnt).put("pric", pric).put("det_item_fee_sumamt", cnt.multiply(pric));
        }
        return input;
    }
}
