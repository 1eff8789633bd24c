package io.insurebridge.patient;

import static io.insurebridge.platform.DemoWorld.HOSPITAL;
import static io.insurebridge.platform.DemoWorld.ZHANG_WEI_CERTNO;
import static io.insurebridge.platform.DemoWorld.ZHANG_WEI_PSN_NO;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.patient.payment.CashOutcome;
import io.insurebridge.patient.payment.MobilePayments;
import io.insurebridge.patient.payment.PaymentOrder;
import io.insurebridge.patient.payment.PaymentOrders;
import io.insurebridge.patient.payment.PaymentProperties;
import io.insurebridge.patient.payment.PaymentStatus;
import io.insurebridge.platform.DemoWorld;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.SimulatedPlatform;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.GatewayVisitStore;
import io.insurebridge.platform.gateway.OutpatientFlow;
import io.insurebridge.platform.gateway.PlatformCallLog;
import io.insurebridge.platform.gateway.TracedPlatform;
import io.insurebridge.platform.msgid.MsgIdSource;

/**
 * Mobile payment against the simulated platform on the real schema: a 2207 whose answer is lost is reversed (2601),
 * a refused 2207 leaves nothing paid, a wallet timeout after the fund part is reversed, an unpaid order expires.
 */
class MobilePaymentsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T01:16:05Z"), ZoneOffset.UTC);
    private final AtomicInteger sequence = new AtomicInteger();
    private final MsgIdSource msgIds = institution -> institution + "20260302091605"
            + String.format("%04d", sequence.incrementAndGet());
    private final PaymentProperties properties = new PaymentProperties(true, 15, "https://pay.example", 120, 30);

    private SimulatedPlatform platform;
    private JdbcTemplate jdbc;
    private OutpatientFlow flow;
    private GatewayVisitStore visits;
    private PaymentOrders orders;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @BeforeEach
    void freshDatabaseAndPlatform() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:pay_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).load().migrate();
        jdbc = new JdbcTemplate(h2);
        platform = new SimulatedPlatform(DemoWorld.snapshot());
        PlatformCallLog calls = new PlatformCallLog(jdbc, clock);
        PlatformProperties platformProperties = PlatformProperties.defaults();
        visits = new GatewayVisitStore(jdbc, clock);
        flow = new OutpatientFlow(new EnvelopeFactory(DemoWorld.mappingSource(), msgIds, platformProperties, clock),
                new TracedPlatform(platform, calls), visits, calls, platformProperties, clock);
        orders = new PaymentOrders(jdbc);
    }

    MobilePayments payments(Clock at) {
        return new MobilePayments(flow, visits, orders, json, properties, at);
    }

    static Visit internetVisit(String visitNo, SettleMode mode) {
        return DemoWorld.visit(HOSPITAL, visitNo, new PersonIdentity("02", ZHANG_WEI_CERTNO, null, ZHANG_WEI_CERTNO,
                "张伟", null), true, mode);
    }

    /** Registration and pre-settlement of an Internet+ visit; returns the order it opened. */
    PaymentOrder preSettled(MobilePayments payments, String visitNo) {
        flow.register(internetVisit(visitNo, SettleMode.PRE_SETTLE));
        ChargeResult pre = flow.charge(internetVisit(visitNo, SettleMode.PRE_SETTLE));
        PaymentOrder order = payments.afterCharge(internetVisit(visitNo, SettleMode.PRE_SETTLE), pre).orElseThrow();
        assertThat(order.status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(order.medfeeSumamt()).isEqualByComparingTo(pre.setlinfo().medfeeSumamt());
        assertThat(payments.payUrl(order)).isEqualTo("https://pay.example/patient/pay/" + order.orderId());
        return order;
    }

    String visitStatus(String visitNo) {
        return jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = ?", String.class, visitNo);
    }

    @Test
    void aFundSettlementWithoutAnswerIsReversedAndNothingStaysPaid() {
        MobilePayments payments = payments(clock);
        PaymentOrder order = preSettled(payments, "MP1");
        platform.loseAnswerOf("2207");

        PaymentOrder after = payments.confirm(order.orderId(), CashOutcome.SUCCESS);

        assertThat(after.status()).isEqualTo(PaymentStatus.REVERSED);
        assertThat(platform.infnos()).endsWith("2207", "2601");
        String settleMsgid = platform.received().get(platform.received().size() - 2).msgid();
        assertThat(after.settleMsgid()).isEqualTo(settleMsgid);
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");   // the 2207 was undone
        assertThat(jdbc.queryForObject("SELECT reversed_by FROM platform_calls WHERE msgid = ?", String.class,
                settleMsgid)).isEqualTo(platform.received().get(platform.received().size() - 1).msgid());
        assertThat(visitStatus("MP1")).isEqualTo("FEES_UPLOADED");
        // a second confirmation changes nothing
        assertThat(payments.confirm(order.orderId(), CashOutcome.SUCCESS).status()).isEqualTo(PaymentStatus.REVERSED);
        assertThat(platform.infnos()).endsWith("2207", "2601");
    }

    @Test
    void aRefusedFundSettlementLeavesTheOrderFailedWithNothingPaid() {
        MobilePayments payments = payments(clock);
        PaymentOrder order = preSettled(payments, "MP2");
        platform.refuseNext("2207", "定点医药机构协议已暂停");

        PaymentOrder after = payments.confirm(order.orderId(), CashOutcome.SUCCESS);

        assertThat(after.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(after.reason()).contains("nothing paid").contains("协议已暂停");
        assertThat(platform.infnos()).doesNotContain("2601");
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");
    }

    @Test
    void aWalletTimeoutAfterTheFundPartIsReversedAndAPaidOrderCanBeRefunded() {
        MobilePayments payments = payments(clock);
        PaymentOrder timedOut = payments.confirm(preSettled(payments, "MP3").orderId(), CashOutcome.TIMEOUT);
        assertThat(timedOut.status()).isEqualTo(PaymentStatus.REVERSED);
        assertThat(timedOut.reason()).contains("timed out").contains("2601");
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");

        PaymentOrder paid = payments.confirm(preSettled(payments, "MP4").orderId(), CashOutcome.SUCCESS);
        assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(platform.settled(paid.setlId())).isTrue();
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isLessThan(new java.math.BigDecimal("1000.00"));

        PaymentOrder refunded = payments.refund(paid.orderId(), null);
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(platform.settled(paid.setlId())).isFalse();
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");
        assertThat(platform.infnos()).endsWith("2208", "2205");
    }

    @Test
    void anUnpaidOrderExpiresAndCanNoLongerBePaid() {
        PaymentOrder order = preSettled(payments(clock), "MP5");
        MobilePayments later = payments(Clock.offset(clock, Duration.ofMinutes(16)));

        later.sweep();

        assertThat(later.find(order.orderId()).orElseThrow().status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(later.confirm(order.orderId(), CashOutcome.SUCCESS).status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(platform.infnos()).doesNotContain("2207");
    }
}
