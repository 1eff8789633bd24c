package io.insurebridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.DemoMappings;
import io.insurebridge.settlement.NodeTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fan-out end to end on one application: the node's transactions (called directly) publish through the outbox and
 * the embedded broker's topic to the supervision, statistics and budget subscribers and to three agency connectors
 * (two real HTTP endpoints started here, one file drop); the API is called over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:fanout;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "spring.artemis.embedded.persistent=false",
        "insurebridge.node.admdvs=330100",
        "insurebridge.node.zone=Asia/Shanghai",
        "insurebridge.broker.redelivery-delay-ms=200",
        "insurebridge.fanout.relay-interval-ms=50",
        "insurebridge.fanout.budget-alert-thresholds=0.000001,80,100"})
class FanoutTest extends NodeTestSupport {
    static final String P1 = "33010000000000000001"; // male, 1980
    static final String P2 = "33010000000000000002"; // female, 1992
    static final String PARACETAMOL = "XN02BEA001A001000000004"; // ceiling 8.00
    static final String METFORMIN = "XA10BAA007A001000000002";
    static final String AMLODIPINE = "XC08CAA148A001000000001";
    static final ObjectMapper JSON = new ObjectMapper();

    static final HttpServer AGENCIES;
    static final Queue<JsonNode> FAST = new ConcurrentLinkedQueue<>();
    static final Queue<JsonNode> SLOW = new ConcurrentLinkedQueue<>();
    static final AtomicReference<CountDownLatch> SLOW_GATE = new AtomicReference<>(new CountDownLatch(0));
    static final Path BASE;

    static {
        try {
            BASE = Files.createTempDirectory("insurebridge-fanout-");
            AGENCIES = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            AGENCIES.setExecutor(Executors.newCachedThreadPool());
            AGENCIES.createContext("/fast", exchange -> {
                FAST.add(JSON.readTree(exchange.getRequestBody()));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            AGENCIES.createContext("/slow", exchange -> {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                try {
                    SLOW_GATE.get().await(60, TimeUnit.SECONDS); // a slow agency: holds the request
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SLOW.add(body);
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            AGENCIES.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void fanoutProperties(DynamicPropertyRegistry registry) throws IOException {
        Path connectors = Files.createDirectories(BASE.resolve("connectors"));
        String base = "http://127.0.0.1:" + AGENCIES.getAddress().getPort();
        Files.writeString(connectors.resolve("audit-agency.yaml"), """
                kind: agency-http
                url: %s/fast
                events: [settlement, cancellation]
                """.formatted(base));
        Files.writeString(connectors.resolve("slow-agency.yaml"), """
                kind: agency-http
                url: %s/slow
                timeout-ms: 90000
                events: settlement
                """.formatted(base));
        Files.writeString(connectors.resolve("queue-agency.yaml"), """
                kind: agency-jms
                queue: agency.test.cancellations
                events: [cancellation]
                """);
        Files.writeString(connectors.resolve("drop-agency.yaml"), """
                kind: agency-file
                directory: %s
                events: [settlement, rejection, budget-alert]
                """.formatted(BASE.resolve("drop")));
        Path rules = BASE.resolve("supervision.yaml");
        Files.writeString(rules, """
                rules:
                  - id: QTY-PARACETAMOL
                    type: quantity-limit
                    codes: [%s]
                    max-quantity: 2
                  - id: OVER-CEILING
                    type: over-ceiling
                  - id: METFORMIN-WOMEN-ONLY
                    type: gender
                    description: Metformin here for women only
                    codes: [%s]
                    gender: "2"
                    action: reject
                """.formatted(PARACETAMOL, METFORMIN));
        registry.add("insurebridge.data-dir", () -> BASE.resolve("data").toString());
        registry.add("insurebridge.connectors-dir", connectors::toString);
        registry.add("insurebridge.routes-dir", () -> "./routes");
        registry.add("insurebridge.fanout.supervision-rules", rules::toString);
    }

    @AfterAll
    static void stopAgencies() {
        SLOW_GATE.get().countDown();
        AGENCIES.stop(0);
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jms.core.JmsTemplate jms;
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void settlementAndCancellationReachTheSubscribedAgencyOnceAndRejectionsDoNot() throws Exception {
        String psn = DemoMappings.clone(P1, 1);
        String refusedMsgid = newMsgid();
        PlatformResponse refused = node.handle(request("2201", refusedMsgid, HOSPITAL, data("psn_no", psn,
                "begntime", now(), "atddr_no", "D330100000099")));
        assertThat(refused.infcode()).isEqualTo(-1);

        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", AMLODIPINE + " 2 25.50");
        // a settlement the node refuses is rolled back: a rejection event, no settlement event
        ObjectNode wrongTotal = settleInput(mdtrtId, psn, "0");
        ((ObjectNode) wrongTotal.get("data")).put("medfee_sumamt", "99.99");
        assertThat(call("2207", HOSPITAL, wrongTotal).err_msg()).contains("differs from the uploaded fee details");
        String msgid = newMsgid();
        PlatformResponse settled = node.handle(request("2207", msgid, HOSPITAL, settleInput(mdtrtId, psn, "0")));
        assertThat(settled.infcode()).isZero();
        String setlId = settled.output().get("setlinfo").get("setl_id").asText();
        // the same msgid again (redelivery): the stored answer, no second event
        assertThat(node.handle(request("2207", msgid, HOSPITAL, settleInput(mdtrtId, psn, "0"))).output()
                .get("setlinfo").get("setl_id").asText()).isEqualTo(setlId);
        PlatformResponse cancelled = ok("2208", HOSPITAL, data("setl_id", setlId, "mdtrt_id", mdtrtId, "psn_no", psn));
        String cancelId = cancelled.output().get("setlinfo").get("setl_id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> received(FAST, "cancellation", cancelId) != null);
        JsonNode event = received(FAST, "settlement", setlId);
        assertThat(event.get("fixmedins_code").asText()).isEqualTo(HOSPITAL);
        assertThat(event.get("mdtrt_id").asText()).isEqualTo(mdtrtId);
        assertThat(event.get("online").asBoolean()).isFalse();
        assertThat(event.get("amounts").get("medfee_sumamt").decimalValue()).isEqualByComparingTo("51.00");
        assertThat(event.get("details").get(0).get("med_list_codg").asText()).isEqualTo(AMLODIPINE);
        JsonNode cancel = received(FAST, "cancellation", cancelId);
        assertThat(cancel.get("orig_setl_id").asText()).isEqualTo(setlId);
        assertThat(cancel.get("amounts").get("medfee_sumamt").decimalValue()).isEqualByComparingTo("-51.00");
        assertThat(FAST.stream().filter(e -> e.get("event_id").asText().equals("settlement-" + setlId)).count())
                .as("published once").isEqualTo(1);
        assertThat(FAST).noneMatch(e -> e.get("event_type").asText().equals("rejection"));
        // the JMS agency chose cancellations only
        assertThat(receiveFromQueue("agency.test.cancellations", cancelId).get("orig_setl_id").asText())
                .isEqualTo(setlId);
        // the rejection went to the agency that chose it
        Path rejection = BASE.resolve("drop").resolve("rejection-" + refusedMsgid + ".json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(rejection));
        JsonNode rejected = JSON.readTree(read(rejection));
        assertThat(rejected.get("infno").asText()).isEqualTo("2201");
        assertThat(rejected.get("psn_no").asText()).isEqualTo(psn);
        assertThat(rejected.get("err_msg").asText()).isEqualTo(refused.err_msg());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fanout_outbox WHERE event_id = ?", Integer.class,
                "settlement-" + setlId)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT event_type FROM fanout_outbox WHERE payload LIKE ?", String.class,
                "%\"mdtrt_id\":\"" + mdtrtId + "\"%")).containsExactlyInAnyOrder("rejection", "settlement",
                "cancellation");
    }

    @Test
    void supervisionStoresRuleHitsAndARejectRuleRefusesTheFee() throws Exception {
        String man = DemoMappings.clone(P1, 2);
        String mdtrtId = register(man, HOSPITAL, false);
        describe(mdtrtId, man, "11", "E11.900");
        PlatformResponse refused = call("2204", HOSPITAL, fees(mdtrtId, man, METFORMIN + " 1 15.00"));
        assertThat(refused.infcode()).isEqualTo(-1);
        assertThat(refused.err_msg()).isEqualTo("Refused by supervision rule METFORMIN-WOMEN-ONLY (gender): Metformin "
                + "here for women only: " + METFORMIN + " is restricted to gender 2 (patient's gender 1)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_fee_detail WHERE mdtrt_id = ?", Integer.class,
                mdtrtId)).as("nothing accepted").isZero();

        // warn rules: paracetamol 5 boxes (limit 2) at 9.00 (ceiling 8.00) settles, and both hits are stored
        ok("2204", HOSPITAL, fees(mdtrtId, man, PARACETAMOL + " 5 9.00"));
        String setlId = ok("2207", HOSPITAL, settleInput(mdtrtId, man, "0")).output().get("setlinfo")
                .get("setl_id").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/supervision/violations?setl_id=" + setlId)
                .size() == 2);
        JsonNode hits = get("/api/supervision/violations?setl_id=" + setlId);
        assertThat(hits.findValuesAsText("rule_id")).containsExactlyInAnyOrder("QTY-PARACETAMOL", "OVER-CEILING");
        JsonNode qty = hits.get(0).get("rule_id").asText().equals("QTY-PARACETAMOL") ? hits.get(0) : hits.get(1);
        assertThat(qty.get("message").asText()).isEqualTo("quantity 5 of " + PARACETAMOL + " exceeds the limit 2");
        assertThat(qty.get("feedetl_sn").asText()).isEqualTo("1");
        assertThat(qty.get("mdtrt_id").asText()).isEqualTo(mdtrtId);
        assertThat(qty.get("action").asText()).isEqualTo("warn");

        // the same rule does not touch a woman
        String woman = DemoMappings.clone(P2, 2);
        String other = register(woman, HOSPITAL, false);
        describe(other, woman, "11", "E11.900");
        assertThat(call("2204", HOSPITAL, fees(other, woman, METFORMIN + " 1 15.00")).infcode()).isZero();
    }

    @Test
    void suspendingAnInstitutionRefusesItsInternetVisitsUntilRestored() throws Exception {
        String psn = DemoMappings.clone(P2, 1);
        String earlier = visitWithFees(psn, HOSPITAL, true, "11", "J06.900", PARACETAMOL + " 1 5.00");
        assertThat(post("/api/registry/institutions/" + HOSPITAL + "/suspend", null, "{\"reason\":\"audit\"}")
                .statusCode()).as("a signed-in user is required").isEqualTo(401);

        HttpResponse<String> suspended = post("/api/registry/institutions/" + HOSPITAL + "/suspend", "operator",
                "{\"reason\":\"forged bills under investigation\"}");
        assertThat(suspended.statusCode()).isEqualTo(200);
        try {
            JsonNode changes = JSON.readTree(suspended.body());
            assertThat(changes.findValuesAsText("kind")).containsExactly("INSTITUTION", "INTERNET_AGREEMENT");
            JsonNode internet = get("/api/registry/internet-agreements/" + HOSPITAL);
            assertThat(internet.get("status").asText()).isEqualTo("SUSPENDED");
            assertThat(internet.get("history").get(0).get("operator").asText()).isEqualTo("operator");
            assertThat(internet.get("history").get(0).get("cascaded").asBoolean()).isTrue();

            PlatformResponse refused = call("2201", HOSPITAL, internetRegistration(psn));
            assertThat(refused.infcode()).isEqualTo(-1);
            assertThat(refused.err_msg()).isEqualTo("Institution " + HOSPITAL + " is suspended by the agency (forged "
                    + "bills under investigation, since " + LocalDate.now() + "): no insurance settlement");
            PlatformResponse settleRefused = call("2207", HOSPITAL, settleInput(earlier, psn, "0"));
            assertThat(settleRefused.err_msg()).startsWith("Institution " + HOSPITAL + " is suspended by the agency");
        } finally {
            assertThat(post("/api/registry/institutions/" + HOSPITAL + "/restore", "operator",
                    "{\"reason\":\"investigation closed\"}").statusCode()).isEqualTo(200);
        }
        assertThat(get("/api/registry/internet-agreements/" + HOSPITAL).get("status").asText()).isEqualTo("ACTIVE");
        assertThat(call("2201", HOSPITAL, internetRegistration(psn)).infcode()).isZero();
        assertThat(call("2207", HOSPITAL, settleInput(earlier, psn, "0")).infcode()).isZero();

        // the Internet+ agreement alone: offline visits go on
        post("/api/registry/internet-agreements/" + HOSPITAL + "/suspend", "operator", "{\"reason\":\"complaints\"}");
        try {
            assertThat(call("2201", HOSPITAL, internetRegistration(psn)).err_msg()).isEqualTo("The Internet+ "
                    + "supplementary agreement of institution " + HOSPITAL + " is suspended by the agency (complaints, "
                    + "since " + LocalDate.now() + "): no Internet+ insurance settlement");
            register(psn, HOSPITAL, false);
        } finally {
            post("/api/registry/internet-agreements/" + HOSPITAL + "/restore", "operator", "{\"reason\":\"ok\"}");
        }
    }

    @Test
    void doctorDeductionsAndAntiFraudSuspensionsAreGatedAndAudited() throws Exception {
        // doctor Zhao of the district hospital has 10 points in the mappings
        assertThat(post("/api/registry/doctors/D330100000003/deductions", "operator",
                "{\"points\": 10, \"reason\": \"upcoding\"}").statusCode()).isEqualTo(200);
        JsonNode doctor = get("/api/registry/doctors/D330100000003");
        assertThat(doctor.get("points_left").asInt()).isZero();
        assertThat(doctor.get("deductions").get(0).get("operator").asText()).isEqualTo("operator");
        String psn = DemoMappings.clone(P1, 3);
        assertThat(call("2201", DISTRICT_HOSPITAL, data("psn_no", psn, "begntime", now(), "atddr_no",
                "D330100000003")).err_msg()).isEqualTo("Doctor D330100000003 has no agreement points left after the "
                + "agency's deductions: the doctor's insurance service is suspended");

        assertThat(post("/api/antifraud/persons/" + psn + "/suspend", "operator",
                "{\"reason\":\"fictitious identity\"}").statusCode()).isEqualTo(200);
        PlatformResponse refused = call("2201", HOSPITAL, data("psn_no", psn, "begntime", now(), "atddr_no", DOCTOR));
        assertThat(refused.err_msg()).isEqualTo("Person " + psn + " is under an anti-fraud suspension of direct "
                + "settlement (fictitious identity, since " + LocalDate.now() + "): no direct insurance settlement");
        assertThat(post("/api/antifraud/persons/" + psn + "/restore", "engineer",
                "{\"reason\":\"identity verified in person\"}").statusCode()).isEqualTo(200);
        register(psn, HOSPITAL, false);

        JsonNode person = get("/api/antifraud/persons/" + psn);
        assertThat(person.get("suspended").asBoolean()).isFalse();
        JsonNode audit = person.get("audit");
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("decision").asText()).isEqualTo("RESTORE");
        assertThat(audit.get(0).get("operator").asText()).isEqualTo("engineer");
        assertThat(audit.get(1).get("decision").asText()).isEqualTo("SUSPEND");
        assertThat(audit.get(1).get("reason").asText()).isEqualTo("fictitious identity");
        assertThat(audit.get(1).get("at").asText()).isNotBlank();
    }

    @Test
    void statisticsOfAScriptedDayEqualTheSumsOfItsSettlements() throws Exception {
        awaitQuiet();
        String today = LocalDate.now(ZONE).toString();
        String query = "/api/statistics?from=" + today + "&to=" + today + "&fixmedins_code=" + HOSPITAL
                + "&group_by=institution";
        JsonNode before = get(query);

        String[] persons = {DemoMappings.clone(P1, 4), DemoMappings.clone(P2, 3), DemoMappings.clone(P1, 6)};
        BigDecimal medfee = BigDecimal.ZERO, fund = BigDecimal.ZERO, acct = BigDecimal.ZERO, cash = BigDecimal.ZERO;
        String cancelSetl = null, cancelMdtrt = null, cancelPsn = null;
        for (int i = 0; i < persons.length; i++) {
            String mdtrtId = visitWithFees(persons[i], HOSPITAL, false, "11", "J06.900",
                    AMLODIPINE + " " + (i + 1) + " 25.50", "JC3001 1 180.00");
            JsonNode setl = ok("2207", HOSPITAL, settleInput(mdtrtId, persons[i], "1")).output().get("setlinfo");
            medfee = medfee.add(amount(setl, "medfee_sumamt"));
            fund = fund.add(amount(setl, "fund_pay_sumamt"));
            acct = acct.add(amount(setl, "acct_pay"));
            cash = cash.add(amount(setl, "psn_cash_pay"));
            if (i == 1) {
                cancelSetl = setl.get("setl_id").asText();
                cancelMdtrt = mdtrtId;
                cancelPsn = persons[i];
            }
        }
        JsonNode reversal = ok("2208", HOSPITAL, data("setl_id", cancelSetl, "mdtrt_id", cancelMdtrt, "psn_no",
                cancelPsn)).output().get("setlinfo");
        medfee = medfee.add(amount(reversal, "medfee_sumamt"));
        fund = fund.add(amount(reversal, "fund_pay_sumamt"));
        acct = acct.add(amount(reversal, "acct_pay"));
        cash = cash.add(amount(reversal, "psn_cash_pay"));
        assertThat(fund.signum()).as("the day pays something from the funds").isPositive();

        awaitQuiet();
        JsonNode after = get(query);
        assertThat(measure(after, "settlements").subtract(measure(before, "settlements"))).isEqualByComparingTo("3");
        assertThat(measure(after, "cancellations").subtract(measure(before, "cancellations")))
                .isEqualByComparingTo("1");
        assertThat(measure(after, "net_count").subtract(measure(before, "net_count"))).isEqualByComparingTo("2");
        assertThat(measure(after, "medfee_sumamt").subtract(measure(before, "medfee_sumamt")))
                .isEqualByComparingTo(medfee);
        assertThat(measure(after, "fund_pay_sumamt").subtract(measure(before, "fund_pay_sumamt")))
                .isEqualByComparingTo(fund);
        assertThat(measure(after, "acct_pay").subtract(measure(before, "acct_pay"))).isEqualByComparingTo(acct);
        assertThat(measure(after, "psn_cash_pay").subtract(measure(before, "psn_cash_pay")))
                .isEqualByComparingTo(cash);

        // the whole table equals the node's own settlements of the day
        BigDecimal nodeMedfee = jdbc.queryForObject("SELECT COALESCE(SUM(medfee_sumamt), 0) FROM node_settlement "
                + "WHERE fixmedins_code = ? AND status = 'SETTLED'", BigDecimal.class, HOSPITAL);
        assertThat(measure(after, "medfee_sumamt")).isEqualByComparingTo(nodeMedfee);
        BigDecimal nodeFund = jdbc.queryForObject("SELECT COALESCE(SUM(fund_pay_sumamt), 0) FROM node_settlement "
                + "WHERE fixmedins_code = ? AND status = 'SETTLED'", BigDecimal.class, HOSPITAL);
        assertThat(measure(after, "fund_pay_sumamt")).isEqualByComparingTo(nodeFund);
        BigDecimal funds = BigDecimal.ZERO;
        for (JsonNode row : get("/api/statistics/funds?fixmedins_code=" + HOSPITAL + "&group_by=")) {
            if (!row.get("fund_pay_type").asText().equals("310200")) { // 310200 is the personal account
                funds = funds.add(row.get("fund_payamt").decimalValue());
            }
        }
        assertThat(funds).as("fund rows add up to fund_pay_sumamt").isEqualByComparingTo(nodeFund);

        HttpResponse<String> csv = http.send(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, HttpRequest.newBuilder(uri("/api/statistics.csv?fixmedins_code="
                + HOSPITAL + "&group_by=institution,day"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("institution,day,settlements,cancellations,net_count,medfee_sumamt,"
                + "fund_pay_sumamt,acct_pay,psn_cash_pay");
        assertThat(lines).anyMatch(l -> l.startsWith(HOSPITAL + "," + today + ",")
                && l.contains("," + nodeMedfee.setScale(2).toPlainString() + ","));

        // budget: the test threshold 0.000001 % of the annual budget is crossed once, and announced
        JsonNode budget = get("/api/budget");
        JsonNode hospital = budget.findParents("fixmedins_code").stream()
                .filter(r -> r.get("fixmedins_code").asText().equals(HOSPITAL)).findFirst().orElseThrow();
        assertThat(hospital.get("alerts").get(0).decimalValue()).isEqualByComparingTo("0.000001");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(BASE.resolve("drop")
                .resolve("budget-alert-" + HOSPITAL + "-" + thisYear() + "-0.000001.json")));
    }

    @Test
    void aSlowSubscriberDoesNotBlockTheOthers() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SLOW_GATE.set(gate);
        try {
            String psn = DemoMappings.clone(P1, 5);
            String first = settle(psn);
            String second = settle(psn);
            // the fast agency, the file drop and statistics get both while the slow agency holds its first request
            await().atMost(Duration.ofSeconds(20)).until(() -> received(FAST, "settlement", second) != null
                    && Files.exists(BASE.resolve("drop").resolve("settlement-" + second + ".json"))
                    && jdbc.queryForObject("SELECT COUNT(*) FROM fanout_stat_fact WHERE setl_id = ?", Integer.class,
                    second) == 1);
            assertThat(received(FAST, "settlement", first)).isNotNull();
            assertThat(received(SLOW, "settlement", second)).as("slow agency still busy").isNull();
        } finally {
            gate.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SLOW.stream()
                .filter(e -> e.get("event_type").asText().equals("settlement")).count() >= 2
                && FAST.stream().filter(e -> e.get("event_type").asText().equals("settlement"))
                .allMatch(f -> received(SLOW, "settlement", f.get("setl_id").asText()) != null));
    }

    /** The first message on the agency's queue naming the setl_id (other tests' cancellations are skipped). */
    private JsonNode receiveFromQueue(String queue, String setlId) throws Exception {
        jms.setReceiveTimeout(20_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Object body = jms.receiveAndConvert(queue);
            assertThat(body).as("a message on " + queue).isNotNull();
            JsonNode event = JSON.readTree(body.toString());
            assertThat(event.get("event_type").asText()).isEqualTo("cancellation");
            if (event.get("setl_id").asText().equals(setlId)) {
                return event;
            }
        }
        throw new AssertionError("no cancellation " + setlId + " on " + queue);
    }

    private String settle(String psn) {
        String mdtrtId = visitWithFees(psn, HOSPITAL, false, "11", "J06.900", AMLODIPINE + " 1 25.50");
        return ok("2207", HOSPITAL, settleInput(mdtrtId, psn, "0")).output().get("setlinfo").get("setl_id").asText();
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode internetRegistration(String psn) {
        var input = data("psn_no", psn, "begntime", now(), "mdtrt_cert_type", "02", "atddr_no", DOCTOR);
        ((com.fasterxml.jackson.databind.node.ObjectNode) input.get("data")).put("exp_content",
                "{\"inet_flag\":\"1\"}");
        return input;
    }

    /** Every committed event published and counted by statistics. */
    private void awaitQuiet() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM fanout_outbox WHERE published_at IS NULL", Integer.class) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM fanout_outbox WHERE event_type IN "
                + "('settlement', 'cancellation')", Integer.class).equals(
                jdbc.queryForObject("SELECT COUNT(*) FROM fanout_stat_fact", Integer.class)));
    }

    private static BigDecimal measure(JsonNode rows, String field) {
        return rows.isEmpty() ? BigDecimal.ZERO : rows.get(0).get(field).decimalValue();
    }

    private static JsonNode received(Queue<JsonNode> events, String type, String setlId) {
        return events.stream().filter(e -> e.get("event_type").asText().equals(type)
                && e.get("setl_id").asText().equals(setlId)).findFirst().orElse(null);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(io.insurebridge.support.TestAuth.as(io.insurebridge.support.TestAuth.AUDITOR, HttpRequest.newBuilder(uri(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** @param user who signs in (recorded as the operator of the change); null: nobody */
    private HttpResponse<String> post(String path, String user, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            io.insurebridge.support.TestAuth.as(user, b);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
