package io.insurebridge.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.settlement.state.PersonState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One application context for the node's integration tests (same properties = cached context): in-memory H2 in
 * PostgreSQL mode with Flyway, embedded Artemis (non-persistent), random HTTP port, the demo mappings with
 * cloned persons so every test owns the persons whose accumulators it checks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "insurebridge.data-dir=target/test-data/node",
        "spring.datasource.url=jdbc:h2:mem:node;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                + "DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000",
        "spring.artemis.embedded.persistent=false",
        "insurebridge.node.concurrent-consumers=4",
        "insurebridge.node.admdvs=330100",
        "insurebridge.node.zone=Asia/Shanghai",
        "insurebridge.routes-dir=target/test-data/node/routes"})
@Import(NodeTestSupport.DemoMappingConfig.class)
public abstract class NodeTestSupport {
    public static final String HOSPITAL = "H33010000001";         // level 3, Internet+ active
    public static final String DISTRICT_HOSPITAL = "H33010000002"; // level 2, Internet+ suspended
    public static final String SUSPENDED_CLINIC = "H33010000003";
    public static final String DOCTOR = "D330100000001";
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static {
        try {
            // camel.main.routes-include-pattern points into the routes dir: it must exist
            java.nio.file.Files.createDirectories(java.nio.file.Path.of("target/test-data/node/routes"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @TestConfiguration
    public static class DemoMappingConfig {
        @Bean
        @Primary
        public MappingSource testMappings() {
            MappingSnapshot snapshot = DemoMappings.withClones(6);
            return () -> snapshot;
        }
    }

    /**
     * -Dnode.test.jdbc-url=jdbc:postgresql://... runs these tests against a real PostgreSQL, each test application
     * in a fresh schema of its own (the fan-out tests' registry changes must not reach the node's gate tests).
     */
    @DynamicPropertySource
    static void realDatabaseWhenAsked(DynamicPropertyRegistry registry) {
        String url = System.getProperty("node.test.jdbc-url");
        if (url != null && !url.isBlank()) {
            io.insurebridge.support.PostgresTestDatabase.registerFreshSchema(registry, "node", url,
                    System.getProperty("node.test.jdbc-user", "postgres"),
                    System.getProperty("node.test.jdbc-password", ""));
        }
    }

    @Autowired
    protected SettlementNode node;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected PersonState personState;

    public static String newMsgid() {
        return HOSPITAL + "20261130" + String.format("%010d", SEQ.incrementAndGet());
    }

    public static int thisYear() {
        return LocalDateTime.now(ZONE).getYear();
    }

    public static String now() {
        return LocalDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    }

    public static PlatformRequest request(String infno, String msgid, String institution, ObjectNode input) {
        return new PlatformRequest(infno, msgid, "330100", null, "YBXT", null, null, null, null, "V1.0", "1",
                "OP01", "Cashier", now(), institution, null, null, input);
    }

    public static ObjectNode data(String... kv) {
        ObjectNode input = NodeJson.object();
        ObjectNode data = input.putObject("data");
        for (int i = 0; i < kv.length; i += 2) {
            data.put(kv[i], kv[i + 1]);
        }
        return input;
    }

    protected PlatformResponse call(String infno, String institution, ObjectNode input) {
        return node.handle(request(infno, newMsgid(), institution, input));
    }

    protected PlatformResponse ok(String infno, String institution, ObjectNode input) {
        PlatformResponse r = call(infno, institution, input);
        assertThat(r.infcode()).as("%s: %s", infno, r.err_msg()).isZero();
        return r;
    }

    /** 2201 at the institution with the agreement doctor; returns mdtrt_id. */
    protected String register(String psnNo, String institution, boolean internet) {
        ObjectNode input = data("psn_no", psnNo, "begntime", now(), "mdtrt_cert_type", "02", "atddr_no",
                institution.equals(HOSPITAL) ? DOCTOR : "D330100000003", "ipt_otp_no", "OP" + SEQ.incrementAndGet());
        if (internet) {
            ((ObjectNode) input.get("data")).put("exp_content", "{\"inet_flag\":\"1\"}");
        }
        return ok("2201", institution, input).output().get("data").get("mdtrt_id").asText();
    }

    protected void describe(String mdtrtId, String psnNo, String medType, String diagnosis) {
        ObjectNode input = NodeJson.object();
        ObjectNode info = input.putObject("mdtrtinfo");
        info.put("mdtrt_id", mdtrtId).put("psn_no", psnNo).put("med_type", medType).put("begntime", now())
                .put("dise_codg", diagnosis);
        ArrayNode dise = input.putArray("diseinfo");
        dise.addObject().put("diag_type", "1").put("diag_srt_no", "1").put("diag_code", diagnosis);
        ok("2203", HOSPITAL, input);
    }

    /** feedetail[] from "code cnt pric" lines; the line total is round(pric x cnt) like an honest HIS. */
    public static ObjectNode fees(String mdtrtId, String psnNo, String... lines) {
        ObjectNode input = NodeJson.object();
        ArrayNode details = input.putArray("feedetail");
        int sn = 1;
        for (String line : lines) {
            String[] p = line.split(" ");
            BigDecimal cnt = new BigDecimal(p[1]);
            BigDecimal pric = new BigDecimal(p[2]);
            ObjectNode d = details.addObject();
            d.put("feedetl_sn", String.valueOf(sn++)).put("mdtrt_id", mdtrtId).put("psn_no", psnNo)
                    .put("chrg_bchno", "B1").put("fee_ocur_time", now()).put("cnt", cnt).put("pric", pric)
                    .put("det_item_fee_sumamt", cnt.multiply(pric).setScale(2, java.math.RoundingMode.HALF_UP));
            if (p[0].matches("[A-Z]{2}\\d{4}")) {
                d.put("medins_list_codg", p[0]); // a hospital local code: the crosswalk resolves it
            } else {
                d.put("med_list_codg", p[0]);
            }
        }
        return input;
    }

    protected ObjectNode settleInput(String mdtrtId, String psnNo, String acctUsedFlag) {
        return data("psn_no", psnNo, "mdtrt_id", mdtrtId, "mdtrt_cert_type", "02", "chrg_bchno", "B1",
                "acct_used_flag", acctUsedFlag, "psn_setlway", "01");
    }

    /** Registers, describes and uploads a visit; returns its mdtrt_id. */
    protected String visitWithFees(String psnNo, String institution, boolean internet, String medType,
                                   String diagnosis, String... lines) {
        String mdtrtId = register(psnNo, institution, internet);
        describe(mdtrtId, psnNo, medType, diagnosis);
        ok("2204", institution, fees(mdtrtId, psnNo, lines));
        return mdtrtId;
    }

    protected static BigDecimal amount(JsonNode node, String field) {
        return node.get(field).decimalValue();
    }

    protected BigDecimal balance(String psnNo) {
        return personState.balance(psnNo).orElseThrow();
    }

    protected PersonState.AccumulatorSnapshot accumulators(String psnNo) {
        return personState.accumulators(psnNo, thisYear());
    }
}
