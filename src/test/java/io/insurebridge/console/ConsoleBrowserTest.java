package io.insurebridge.console;

import io.insurebridge.inbound.hl7.MllpClient;
import io.insurebridge.inbound.hl7.QueueSender;
import io.insurebridge.store.MessageStatus;
import io.insurebridge.store.MessageStore;
import io.insurebridge.support.AppTestSupport;
import io.insurebridge.support.TestAuth;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.insurebridge.support.AppTestSupport.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real headless Chromium against the whole product (real MLLP, queues, node, database): an
 * operator finds a settlement sent over MLLP in this test, opens it and reads its figures (names and ID numbers
 * masked); an auditor sees no re-drive or retry button and a forged POST with the auditor's session and a valid CSRF
 * token is refused 403; the operator retries a dead-lettered message and it is processed; /actuator/prometheus
 * shows the product's series after this traffic. One Spring context for all of it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.broker.max-delivery-attempts=3",
        "insurebridge.broker.redelivery-delay-ms=200",
        "insurebridge.broker.redelivery-multiplier=2"})
@AutoConfigureObservability(tracing = false)   // tests run without metrics export unless asked: we need Prometheus
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static final int MLLP_PORT = AppTestSupport.freePort();
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final String CERTNO = "330102198001150117";
    static final String NAME = "张伟";
    static final long POISON_ID = 800_000 + System.nanoTime() % 1000;
    static java.nio.file.Path base;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        base = AppTestSupport.register(registry, "console", MLLP_PORT);
    }

    @LocalServerPort int port;
    @Autowired JdbcTemplate jdbc;
    @Autowired MessageStore store;
    @Autowired ProducerTemplate producer;

    static WebDriver operator;
    static WebDriver auditor;
    static long deadLetterId;

    @BeforeAll
    static void browsers() {
        assumeTrue(CHROMIUM.canExecute() && CHROMEDRIVER.canExecute(),
                "console browser tests skipped: install Debian chromium and chromium-driver (/usr/bin/chromium, "
                        + "/usr/bin/chromedriver), as .ci/run does");
        operator = browser();
        auditor = browser();
    }

    @AfterAll
    static void close() {
        if (operator != null) {
            operator.quit();
        }
        if (auditor != null) {
            auditor.quit();
        }
    }

    static WebDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    @Test
    @Order(1)
    void operatorFindsTheSettlementSentOverMllpAndReadsItsFigures() throws Exception {
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            assertThat(field(his.send(register("CON-A04-1", "V-CON-1"), StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AA");
            String settled = his.send(charges("CON-P03-1", "V-CON-1"), StandardCharsets.UTF_8);
            assertThat(field(settled, "MSA", 1)).as(settled).isEqualTo("AA");
            assertThat(field(settled, "ZST", 3)).isEqualTo("322.00");
        }
        signIn(operator, TestAuth.OPERATOR);
        assertThat(operator.findElement(By.id("current-user")).getText()).isEqualTo("operator");
        // the dashboard counts the connector's traffic and the settlement
        WebElement row = operator.findElement(By.cssSelector("#connectors tr[data-connector='demo-hospital']"));
        assertThat(Long.parseLong(row.findElement(By.className("received")).getText())).isGreaterThanOrEqualTo(2);
        assertThat(row.findElement(By.className("settled")).getText()).isEqualTo("1");

        open(operator, "/console/messages");
        operator.findElement(By.id("controlId")).sendKeys("CON-P03-1");
        operator.findElement(By.id("search-button")).click();
        List<WebElement> links = operator.findElements(By.className("message-link"));
        assertThat(links).hasSize(1);
        String person = operator.findElement(By.cssSelector("#results td.person")).getText();
        assertThat(person).contains("张*").contains("330**************7").doesNotContain(NAME).doesNotContain(CERTNO);
        links.get(0).click();

        assertThat(operator.findElement(By.id("control-id")).getText()).isEqualTo("CON-P03-1");
        assertThat(operator.findElement(By.id("message-status")).getText()).isEqualTo("PROCESSED");
        assertThat(figure(operator, "medfee_sumamt")).isEqualTo("322.00");
        assertThat(figure(operator, "fund_pay_sumamt")).isEqualTo("46.90");
        assertThat(figure(operator, "acct_pay")).isEqualTo("275.10");
        assertThat(figure(operator, "psn_cash_pay")).isEqualTo("0.00");
        assertThat(figure(operator, "balc")).isEqualTo("724.90");
        // side by side: raw, model, answer and the national transactions, all masked
        String page = operator.findElement(By.tagName("main")).getText();
        assertThat(page).doesNotContain(NAME).doesNotContain(CERTNO);
        assertThat(operator.findElement(By.id("raw")).getText()).contains("DFT^P03").contains("CON-P03-1");
        assertThat(operator.findElement(By.id("model")).getText()).contains("\"controlId\" : \"CON-P03-1\"");
        assertThat(operator.findElement(By.id("ack")).getText()).contains("MSA|AA");
        assertThat(operator.findElements(By.cssSelector(".call[data-infno='2207']"))).hasSize(1);
        assertThat(operator.findElements(By.cssSelector("#hops tr"))).hasSizeGreaterThan(2);
        // a processed message is not offered for re-drive
        assertThat(operator.findElements(By.id("reprocess"))).isEmpty();
    }

    @Test
    @Order(2)
    void auditorSeesNoButtonsAndAForgedPostIsRefused() throws Exception {
        poisonMessageIsDeadLettered();
        signIn(auditor, TestAuth.AUDITOR);
        open(auditor, "/console/dead-letters");
        assertThat(auditor.findElement(By.cssSelector("#dead-letters tr[data-id='" + deadLetterId + "']")).getText())
                .contains("DEAD").contains("inbound.registration");
        assertThat(auditor.findElements(By.id("retry-" + deadLetterId))).isEmpty();
        open(auditor, "/console/messages/" + POISON_ID);
        assertThat(auditor.findElement(By.id("message-status")).getText()).isEqualTo("QUEUED");
        assertThat(auditor.findElements(By.id("reprocess"))).isEmpty();
        assertThat(auditor.findElements(By.id("retry-" + deadLetterId))).isEmpty();
        assertThat(auditor.findElement(By.id("dead-letter-note")).getText()).contains("#[" + deadLetterId + "]");

        // the server enforces it: the auditor's own session and a valid CSRF token, still 403
        String csrf = auditor.findElement(By.cssSelector("form input[name='_csrf']")).getAttribute("value");
        Cookie session = auditor.manage().getCookieNamed("JSESSIONID");
        for (String path : List.of("/console/dead-letters/" + deadLetterId + "/retry",
                "/console/messages/" + POISON_ID + "/reprocess")) {
            HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url(path))
                    .header("Cookie", "JSESSIONID=" + session.getValue())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(forged.statusCode()).as(path).isEqualTo(403);
        }
        assertThat(jdbc.queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, deadLetterId))
                .isEqualTo("DEAD");

        // the operator sees both buttons
        open(operator, "/console/messages/" + POISON_ID);
        assertThat(operator.findElements(By.id("reprocess"))).hasSize(1);
        assertThat(operator.findElements(By.id("retry-" + deadLetterId))).hasSize(1);
    }

    @Test
    @Order(3)
    void operatorRetriesTheDeadLetterAndItIsProcessed() {
        open(operator, "/console/dead-letters");
        operator.findElement(By.id("retry-" + deadLetterId)).click();
        assertThat(operator.findElement(By.id("notice")).getText()).contains("#" + deadLetterId).contains("RETRIED");
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find(POISON_ID).orElseThrow().status()
                == MessageStatus.PROCESSED);
        assertThat(store.find(POISON_ID).orElseThrow().ackCode()).isEqualTo("AA");
        open(operator, "/console/dead-letters");
        assertThat(operator.findElement(By.cssSelector("#dead-letters tr[data-id='" + deadLetterId + "']")).getText())
                .contains("RETRIED");
        assertThat(operator.findElements(By.id("retry-" + deadLetterId))).isEmpty();
        open(operator, "/console/messages/" + POISON_ID);
        assertThat(operator.findElement(By.id("message-status")).getText()).isEqualTo("PROCESSED");
    }

    @Test
    @Order(4)
    void otherPagesRenderForTheAuditor() {
        open(auditor, "/console/statistics");
        assertThat(auditor.findElements(By.cssSelector(".chart svg"))).isNotEmpty();
        open(auditor, "/console/registry");
        assertThat(auditor.findElement(By.id("registry-institutions")).getText()).contains("H33010000001");
        open(auditor, "/console/mapping-gaps");
        assertThat(auditor.findElements(By.id("upload"))).isEmpty();
        open(auditor, "/console");
        assertThat(auditor.findElement(By.id("queues")).getText()).contains("insurance.settlement");
        assertThat(auditor.findElement(By.id("health")).getText()).contains("hazelcast");
    }

    @Test
    @Order(5)
    void prometheusExposesTheNamedSeriesAfterTraffic() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(TestAuth.as(TestAuth.AUDITOR,
                HttpRequest.newBuilder(url("/actuator/prometheus"))).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String text = r.body();
        assertThat(sample(text, "insurebridge_connector_messages_total", "connector=\"demo-hospital\"", "outcome=\"received\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(sample(text, "insurebridge_settlement_latency_seconds_count", "route=\"hl7-charges\"",
                "outcome=\"completed\"")).isGreaterThanOrEqualTo(1);
        assertThat(text).contains("insurebridge_settlement_latency_seconds_bucket{");
        assertThat(sample(text, "insurebridge_queue_depth", "queue=\"insurance.settlement\"")).isGreaterThanOrEqualTo(0);
        assertThat(text).contains("insurebridge_queue_dead_depth{").contains("insurebridge_queue_oldest_age_seconds{");
        assertThat(text).containsPattern("camel_exchanges_total\\{[^}]*routeId=\"hl7-charges\"");
    }

    @Test
    @Order(6)
    void engineerFillsTheMappingGapSheetAndTheHeldMessageCarriesOn() throws Exception {
        String held = charges("CON-P03-9", "V-CON-9").replace("JY2001^血常规", "XX9999^未知项目")
                .replace("|SETTLE|", "|PRE|");
        try (MllpClient his = new MllpClient("127.0.0.1", MLLP_PORT, 60_000)) {
            assertThat(field(his.send(register("CON-A04-9", "V-CON-9"), StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AA");
            assertThat(field(his.send(held, StandardCharsets.UTF_8), "MSA", 1)).isEqualTo("AE");
        }
        HttpResponse<String> sheet = HttpClient.newHttpClient().send(TestAuth.as(TestAuth.AUDITOR,
                        HttpRequest.newBuilder(url("/console/mapping-gaps/gaps.csv"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(sheet.statusCode()).isEqualTo(200);
        String line = sheet.body().lines().filter(l -> l.contains(",XX9999,")).findFirst().orElseThrow();
        assertThat(line).startsWith("ITEM,H33010000001,XX9999,1,").endsWith(",1,,");
        java.nio.file.Path filled = base.resolve("gaps-filled.csv");
        java.nio.file.Files.writeString(filled, sheet.body().replace(line, line.replace(",1,,", ",1,250101001000000,")));

        open(auditor, "/console/mapping-gaps");
        auditor.findElement(By.id("sign-out")).click();
        signIn(auditor, TestAuth.ENGINEER);
        open(auditor, "/console/mapping-gaps");
        auditor.findElement(By.id("upload-file")).sendKeys(filled.toString());
        auditor.findElement(By.id("upload")).click();
        assertThat(auditor.findElement(By.id("notice")).getText()).contains("Added 1 crosswalk");
        assertThat(java.nio.file.Files.readString(base.resolve("mappings/crosswalk.csv")))
                .contains("H33010000001,XX9999,250101001000000,201");
        assertThat(auditor.findElement(By.cssSelector("#gaps tr[data-local-code='XX9999']")).getText())
                .contains("250101001000000");
        // the engineer may also act as operator: carry on the held message
        auditor.findElement(By.cssSelector("#gaps tr[data-local-code='XX9999'] button")).click();
        assertThat(auditor.findElement(By.id("notice")).getText()).contains("1 message(s) reprocessed, 0 still held");
        long id = jdbc.queryForObject("SELECT id FROM messages WHERE control_id = 'CON-P03-9'", Long.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> store.find(id).orElseThrow().status() == MessageStatus.PROCESSED);
    }

    // --- helpers

    private void poisonMessageIsDeadLettered() {
        producer.sendBodyAndHeaders("jms:queue:inbound.registration", ExchangePattern.InOnly, a08("CON-POISON-1"),
                Map.of(QueueSender.HEADER_MESSAGE_ID, POISON_ID, QueueSender.HEADER_CONNECTOR, "demo-hospital",
                        QueueSender.HEADER_MESSAGE_TYPE, "ADT^A08"));
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letters WHERE original_queue = 'inbound.registration'", Long.class) == 1);
        deadLetterId = jdbc.queryForObject("SELECT id FROM dead_letters WHERE original_queue = 'inbound.registration'",
                Long.class);
        // the cause is repaired: the stored row the message needs appears
        jdbc.update("INSERT INTO messages (id, connector, protocol, sending_app, sending_facility, control_id, "
                + "message_type, hl7_version, charset, status, raw, received_at, updated_at) VALUES "
                + "(?, 'demo-hospital', 'HL7v2', 'HIS', 'H33010000001', 'CON-POISON-1', 'ADT^A08', '2.5.1', 'UTF-8', "
                + "'QUEUED', ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", POISON_ID, a08("CON-POISON-1"));
    }

    private void signIn(WebDriver driver, String user) {
        open(driver, "/console");   // redirected to the sign-in page
        assertThat(driver.getCurrentUrl()).contains("/console/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(TestAuth.password(user));
        driver.findElement(By.id("sign-in")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> driver.findElements(By.id("current-user")).size() == 1);
    }

    private void open(WebDriver driver, String path) {
        driver.get(url(path).toString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String figure(WebDriver driver, String name) {
        return driver.findElement(By.cssSelector("#figures td[data-field='" + name + "']")).getText();
    }

    /** The value of the first sample of a series whose labels contain all the given label pairs. */
    static double sample(String prometheus, String name, String... labels) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + name + " " + List.of(labels));
    }

    static String msh(String type, String controlId) {
        return "MSH|^~\\&|HIS|H33010000001|INSUREBRIDGE|NHSA|20261130100000||" + type + "|" + controlId
                + "|P|2.5.1||||||UNICODE UTF-8";
    }

    static String pid() {
        return "PID|1||" + CERTNO + "^^^^ID||" + NAME + "||19800115|M";
    }

    static String pv1(String visitNo) {
        return "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||" + visitNo;
    }

    static String register(String controlId, String visitNo) {
        return String.join("\r", msh("ADT^A04^ADT_A01", controlId), "EVN|A04|20261130100000", pid(), pv1(visitNo),
                "ZIN|02|" + CERTNO + "||||11") + "\r";
    }

    static String charges(String controlId, String visitNo) {
        return String.join("\r", msh("DFT^P03^DFT_P03", controlId), "EVN|P03|20261130101000", pid(), pv1(visitNo),
                "DG1|1||I10.x00x002^原发性高血压^ICD10||20261130|F|||||||||1",
                "FT1|1|||20261130101000||CG|ZL1001^普通门诊诊查费|||1|10.00|10.00",
                "FT1|2|||20261130101000||CG|YP0001^苯磺酸氨氯地平片|||2|57.00|28.50",
                "FT1|3|||20261130101000||CG|JY2001^血常规|||1|20.00|20.00",
                "FT1|4|||20261130101000||CG|YP0007^止咳糖浆|||1|15.00|15.00",
                "FT1|5|||20261130101000||CG|JC3001^CT|||1|220.00|220.00",
                "ZIN|02|" + CERTNO + "||SETTLE|1|11") + "\r";
    }

    static String a08(String controlId) {
        return String.join("\r", msh("ADT^A08^ADT_A01", controlId), "EVN|A08|20261130100000",
                "PID|1||330102199211030222^^^^ID||李娜||19921103|F",
                "PV1|1|O|NEI^^^^^^^^内科||||D330100000001^王医生||||||||||||V-CON-8",
                "ZIN|02|330102199211030222||||11") + "\r";
    }
}
