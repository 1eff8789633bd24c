package io.insurebridge.platform.gateway;

import static io.insurebridge.platform.DemoWorld.HOSPITAL;
import static io.insurebridge.platform.DemoWorld.ZHANG_WEI_PSN_NO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.flywaydb.core.Flyway;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.DemoWorld;
import io.insurebridge.platform.EnvelopeFactory;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.FundPayment;
import io.insurebridge.platform.PlatformClient;
import io.insurebridge.platform.PlatformProperties;
import io.insurebridge.platform.PlatformRejectedException;
import io.insurebridge.platform.PlatformRequest;
import io.insurebridge.platform.PlatformResponse;
import io.insurebridge.platform.PlatformTimeoutException;
import io.insurebridge.platform.PlatformUnavailableException;
import io.insurebridge.platform.SimulatedPlatform;
import io.insurebridge.platform.msgid.MsgIdSource;

/** The outpatient flow against the simulated platform, on the real schema (Flyway on H2 in PostgreSQL mode). */
class OutpatientFlowTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T01:16:05Z"), ZoneOffset.UTC);
    private final AtomicInteger sequence = new AtomicInteger();
    private final MsgIdSource msgIds = institution -> institution + "20260302091605"
            + String.format("%04d", sequence.incrementAndGet());
    private final PlatformProperties properties = PlatformProperties.defaults();

    private SimulatedPlatform platform;
    private JdbcTemplate jdbc;
    private OutpatientFlow flow;

    @BeforeEach
    void freshDatabaseAndPlatform() {
        DataSource dataSource = freshDatabase();
        jdbc = new JdbcTemplate(dataSource);
        platform = new SimulatedPlatform(DemoWorld.snapshot());
        PlatformCallLog calls = new PlatformCallLog(jdbc, clock);
        flow = new OutpatientFlow(new EnvelopeFactory(DemoWorld.mappingSource(), msgIds, properties, clock),
                new TracedPlatform(platform, calls), new GatewayVisitStore(jdbc, clock), calls, properties, clock);
    }

    @Test
    void registersThenSettlesAndTracesEveryTransaction() {
        RegistrationResult registration = flow.register(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));

        assertThat(registration.psnNo()).isEqualTo(ZHANG_WEI_PSN_NO);
        assertThat(registration.psnName()).isEqualTo("张伟");
        assertThat(registration.insutype()).isEqualTo("310");
        assertThat(registration.insuplcAdmdvs()).isEqualTo("330100");
        assertThat(registration.balc()).isEqualByComparingTo("1000.00");
        assertThat(registration.psnInsuStas()).isEqualTo("1");
        assertThat(registration.mdtrtId()).startsWith("330100");

        ChargeResult charge = flow.charge(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));

        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2207");
        assertThat(charge.fees()).extracting(FeeResult::feedetlSn).containsExactly("MZ001-1", "MZ001-2", "MZ001-3");
        FeeResult classB = charge.fees().get(1);
        assertThat(classB.chrgitmLv()).isEqualTo("02");
        assertThat(classB.preselfpayAmt()).isEqualByComparingTo("5.72");
        assertThat(classB.inscpScpAmt()).isEqualByComparingTo("51.47");
        assertThat(charge.setlinfo().medfeeSumamt()).isEqualByComparingTo("118.19");
        assertThat(charge.setlinfo().inscpScpAmt()).isEqualByComparingTo("112.47");
        assertThat(charge.setlinfo().hifpPay()).isEqualByComparingTo("78.73");
        assertThat(charge.setlinfo().acctPay()).isEqualByComparingTo("39.46");
        assertThat(charge.setlinfo().psnCashPay()).isEqualByComparingTo("0.00");
        assertThat(charge.setlinfo().balc()).isEqualByComparingTo("960.54");
        assertThat(charge.setldetail()).extracting(FundPayment::fundPayType).containsExactly("310100", "310200");
        PlatformRequest settlement = platform.received().get(4);
        assertThat(settlement.input().path("data").path("medfee_sumamt").decimalValue()).isEqualByComparingTo("118.19");
        assertThat(settlement.input().path("data").path("preselfpay_amt").decimalValue()).isEqualByComparingTo("5.72");
        assertThat(charge.setlinfo().medinsSetlId()).isEqualTo(settlement.msgid());

        List<Map<String, Object>> calls = jdbc.queryForList(
                "SELECT msgid, infno, status, visit_no, psn_no, request_json, response_json, answered_at "
                        + "FROM platform_calls ORDER BY id");
        assertThat(calls).extracting(c -> c.get("infno")).containsExactly("1101", "2201", "2203", "2204", "2207");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.get("status")).isEqualTo("ANSWERED");
            assertThat(c.get("visit_no")).isEqualTo("MZ001");
            assertThat((String) c.get("request_json")).contains((String) c.get("msgid"));
            assertThat((String) c.get("response_json")).contains("\"infcode\":0");
            assertThat(c.get("answered_at")).isNotNull();
        });
        assertThat(calls.get(4).get("psn_no")).isEqualTo(ZHANG_WEI_PSN_NO);
        Map<String, Object> visit = jdbc.queryForMap("SELECT * FROM gateway_visits");
        assertThat(visit.get("status")).isEqualTo("SETTLED");
        assertThat(visit.get("setl_id")).isEqualTo(charge.setlinfo().setlId());
        assertThat(visit.get("insuplc_admdvs")).isEqualTo("330100");
        assertThat(visit.get("inet_flag")).isEqualTo("0");
        assertThat((String) visit.get("person_json")).contains("\"baseinfo\"");
    }

    @Test
    void hisRetriesGetTheStoredAnswersInsteadOfASecondRegistrationOrSettlement() {
        RegistrationResult first = flow.register(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));
        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));
        int sent = platform.received().size();

        RegistrationResult again = flow.register(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));
        ChargeResult settledAgain = flow.charge(DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE));

        assertThat(platform.received()).hasSize(sent);
        assertThat(again.mdtrtId()).isEqualTo(first.mdtrtId());
        assertThat(settledAgain.setlinfo().setlId()).isEqualTo(settled.setlinfo().setlId());
        assertThat(settledAgain.fees()).isEqualTo(settled.fees());
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("960.54");
    }

    @Test
    void offSitePatientCarriesTheInsuredPlaceFrom1101() {
        Visit liuYang = DemoWorld.visit(HOSPITAL, "MZ100",
                new PersonIdentity("02", DemoWorld.LIU_YANG_CERTNO, null, DemoWorld.LIU_YANG_CERTNO, "刘洋", null),
                false, SettleMode.SETTLE);

        RegistrationResult registration = flow.register(liuYang);
        flow.charge(liuYang);

        assertThat(registration.insuplcAdmdvs()).isEqualTo("510100");
        List<PlatformRequest> sent = platform.received();
        assertThat(sent).extracting(PlatformRequest::infno).containsExactly("1101", "2201", "2203", "2204", "2207");
        assertThat(sent).allSatisfy(r -> assertThat(r.mdtrtarea_admvs()).isEqualTo("330100"));
        assertThat(sent.get(0).insuplc_admdvs()).isEqualTo("330100");
        assertThat(sent.subList(1, 5)).allSatisfy(r -> assertThat(r.insuplc_admdvs()).isEqualTo("510100"));
        assertThat(sent.get(4).inf_time()).isEqualTo("2026-03-02 09:16:05");
        assertThat(sent.get(4).opter()).isEqualTo("C0042");
    }

    @Test
    void preSettlementThenSettlementReplacesTheUnsettledFees() {
        flow.register(DemoWorld.zhangWeiVisit("MZ002", SettleMode.PRE_SETTLE));

        ChargeResult preview = flow.charge(DemoWorld.zhangWeiVisit("MZ002", SettleMode.PRE_SETTLE));
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");
        assertThat(status("MZ002")).isEqualTo("PRE_SETTLED");

        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ002", SettleMode.SETTLE));

        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2206",
                "2205", "2203", "2204", "2207");
        assertThat(settled.setlinfo().psnPartAmt()).isEqualByComparingTo(preview.setlinfo().psnPartAmt());
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("960.54");
        assertThat(status("MZ002")).isEqualTo("SETTLED");
    }

    @Test
    void uploadOnlyStopsAfterTheFeeDetail() {
        flow.register(DemoWorld.zhangWeiVisit("MZ003", SettleMode.UPLOAD_ONLY));
        ChargeResult uploaded = flow.charge(DemoWorld.zhangWeiVisit("MZ003", SettleMode.UPLOAD_ONLY));

        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204");
        assertThat(uploaded.setlinfo()).isNull();
        assertThat(uploaded.fees()).hasSize(3);
        assertThat(status("MZ003")).isEqualTo("FEES_UPLOADED");
    }

    @Test
    void aRefusalCarriesThePlatformsTextAndIsTraced() {
        flow.register(DemoWorld.zhangWeiVisit("MZ004", SettleMode.SETTLE));
        platform.refuseNext("2204", "项目 XJ01CRA089A001000000003 超出限定支付范围");

        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ004", SettleMode.SETTLE)))
                .isInstanceOfSatisfying(PlatformRejectedException.class, e -> {
                    assertThat(e.infno()).isEqualTo("2204");
                    assertThat(e.errMsg()).isEqualTo("项目 XJ01CRA089A001000000003 超出限定支付范围");
                });
        Map<String, Object> refused = jdbc.queryForMap(
                "SELECT status, infcode, err_msg FROM platform_calls WHERE infno = '2204'");
        assertThat(refused.get("status")).isEqualTo("REJECTED");
        assertThat(refused.get("infcode")).isEqualTo(-1);
        assertThat(refused.get("err_msg")).isEqualTo("项目 XJ01CRA089A001000000003 超出限定支付范围");
        assertThat(platform.infnos()).doesNotContain("2207");
        assertThat(status("MZ004")).isEqualTo("REGISTERED");
    }

    @Test
    void anUnknownPersonIsRefusedAndNothingIsRegistered() {
        Visit stranger = DemoWorld.visit(HOSPITAL, "MZ005",
                new PersonIdentity("02", "110101199003070012", null, "110101199003070012", "某人", null), false,
                SettleMode.SETTLE);

        assertThatThrownBy(() -> flow.register(stranger)).isInstanceOfSatisfying(PlatformRejectedException.class,
                e -> assertThat(e.errMsg()).contains("未查询到该人员参保信息"));
        assertThat(platform.infnos()).containsExactly("1101");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM gateway_visits", Integer.class)).isZero();
    }

    @Test
    void aMissingAnswerIsATimeoutWithItsMsgid() {
        platform.neverAnswer("1101");

        assertThatThrownBy(() -> flow.register(DemoWorld.zhangWeiVisit("MZ006", SettleMode.SETTLE)))
                .isInstanceOfSatisfying(PlatformTimeoutException.class,
                        e -> assertThat(e.msgid()).isEqualTo(platform.received().get(0).msgid()));
        assertThat(jdbc.queryForObject("SELECT status FROM platform_calls", String.class)).isEqualTo("TIMEOUT");
    }

    @Test
    void aLostSettlementAnswerIsAskedForAgainWithTheSameMsgidAndSettledOnce() {
        flow.register(DemoWorld.zhangWeiVisit("MZ006", SettleMode.SETTLE));
        platform.loseAnswerOf("2207");

        PlatformTimeoutException lost = org.junit.jupiter.api.Assertions.assertThrows(PlatformTimeoutException.class,
                () -> flow.charge(DemoWorld.zhangWeiVisit("MZ006", SettleMode.SETTLE)));
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("960.54");   // it did settle
        assertThat(status("MZ006")).isEqualTo("SETTLE_PENDING");
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ006", SettleMode.PRE_SETTLE)))
                .isInstanceOf(PlatformTimeoutException.class);   // nothing else while the settlement is open

        platform.answerNormally();
        int sent = platform.received().size();
        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ006", SettleMode.SETTLE));

        PlatformRequest askedAgain = platform.received().get(sent);
        assertThat(askedAgain.msgid()).isEqualTo(lost.msgid());
        assertThat(platform.received()).hasSize(sent + 1);
        assertThat(settled.setlinfo().balc()).isEqualByComparingTo("960.54");
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("960.54");   // settled once
        assertThat(status("MZ006")).isEqualTo("SETTLED");
        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ006", SettleMode.SETTLE)).setlinfo().setlId())
                .isEqualTo(settled.setlinfo().setlId());
    }

    @Test
    void aLostSettlementAnswerCanBeReversedBy2601() {
        flow.register(DemoWorld.zhangWeiVisit("MZ007", SettleMode.SETTLE));
        platform.loseAnswerOf("2207");

        PlatformTimeoutException lost = org.junit.jupiter.api.Assertions.assertThrows(PlatformTimeoutException.class,
                () -> flow.charge(DemoWorld.zhangWeiVisit("MZ007", SettleMode.SETTLE)));
        assertThat(lost.infno()).isEqualTo("2207");
        assertThat(status("MZ007")).isEqualTo("SETTLE_PENDING");
        assertThat(flow.storedCall(lost.msgid())).get().extracting(PlatformCall::status).isEqualTo(CallStatus.TIMEOUT);

        platform.answerNormally();
        int sent = platform.received().size();
        flow.reverse(lost.msgid(), DemoWorld.CASHIER);

        PlatformRequest reversal = platform.received().get(sent);
        assertThat(reversal.infno()).isEqualTo("2601");
        assertThat(reversal.input().path("data").path("omsgid").asText()).isEqualTo(lost.msgid());
        assertThat(reversal.input().path("data").path("oinfno").asText()).isEqualTo("2207");
        assertThat(reversal.input().path("data").path("psn_no").asText()).isEqualTo(ZHANG_WEI_PSN_NO);
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");
        assertThat(flow.storedCall(lost.msgid())).get().extracting(PlatformCall::reversedBy)
                .isEqualTo(reversal.msgid());
        assertThat(status("MZ007")).isEqualTo("FEES_UPLOADED");

        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ007", SettleMode.SETTLE));
        assertThat(settled.setlinfo().balc()).isEqualByComparingTo("960.54");
        assertThat(platform.infnos().subList(sent, platform.infnos().size()))
                .containsExactly("2601", "2205", "2203", "2204", "2207");
    }

    @Test
    void aLostFeeUploadIsWithdrawnBeforeTheRetryUploadsAgain() {
        flow.register(DemoWorld.zhangWeiVisit("MZ011", SettleMode.SETTLE));
        platform.loseAnswerOf("2204");
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ011", SettleMode.SETTLE)))
                .isInstanceOf(PlatformTimeoutException.class);
        platform.answerNormally();

        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ011", SettleMode.SETTLE));

        assertThat(settled.setlinfo().medfeeSumamt()).isEqualByComparingTo("118.19");
        // the lost 2204 is asked again with its msgid (answered from the platform's store), then withdrawn
        assertThat(platform.infnos())
                .containsExactly("1101", "2201", "2203", "2204", "2204", "2205", "2203", "2204", "2207");
        List<PlatformRequest> uploads = platform.received().stream().filter(r -> r.infno().equals("2204")).toList();
        assertThat(uploads.get(1).msgid()).isEqualTo(uploads.get(0).msgid());
        assertThat(uploads.get(2).msgid()).isNotEqualTo(uploads.get(0).msgid());
    }

    /**
     * The instance died while its 2204 was at the platform (found by TwoInstanceClusterTest): the platform stored the
     * fees, no answer and no timeout were recorded, and the broker redelivered the charge message to another
     * instance. Repeating the upload with a new msgid was refused ("already uploaded"); the redelivery now asks
     * for the lost one's answer, withdraws its fees and settles.
     */
    @Test
    void aFeeUploadCutOffByTheInstancesDeathIsAskedAgainWithdrawnAndSettledOnce() {
        flow.register(DemoWorld.zhangWeiVisit("MZ013", SettleMode.SETTLE));
        OutpatientFlow dying = flowOver(request -> {
            PlatformResponse answer = platform.call(request);
            if (request.infno().equals("2204")) {
                throw new InstanceKilled();   // after the platform did it, before anything was recorded
            }
            return answer;
        });
        assertThatThrownBy(() -> dying.charge(DemoWorld.zhangWeiVisit("MZ013", SettleMode.SETTLE)))
                .isInstanceOf(InstanceKilled.class);
        assertThat(status("MZ013")).isEqualTo("FEES_UPLOADED");
        assertThat(jdbc.queryForObject("SELECT status FROM platform_calls WHERE infno = '2204'", String.class))
                .isEqualTo("SENT");

        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ013", SettleMode.SETTLE));

        assertThat(settled.setlinfo().medfeeSumamt()).isEqualByComparingTo("118.19");
        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2204", "2205", "2203",
                "2204", "2207");
        assertThat(status("MZ013")).isEqualTo("SETTLED");
    }

    @Test
    void aRefusedFeeUploadLeavesTheVisitRegisteredSoTheRetryUploadsWithoutWithdrawing() {
        flow.register(DemoWorld.zhangWeiVisit("MZ014", SettleMode.SETTLE));
        platform.refuseNext("2204", "simulated refusal");
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ014", SettleMode.SETTLE)))
                .isInstanceOf(PlatformRejectedException.class);
        assertThat(status("MZ014")).isEqualTo("REGISTERED");

        flow.charge(DemoWorld.zhangWeiVisit("MZ014", SettleMode.SETTLE));
        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2203", "2204", "2207");
    }

    /** A 2201 whose answer was lost is asked again with its msgid: the platform registers the visit once. */
    @Test
    void aLostRegistrationIsAskedAgainWithItsMsgidNotRegisteredTwice() {
        platform.loseAnswerOf("2201");
        assertThatThrownBy(() -> flow.register(DemoWorld.zhangWeiVisit("MZ015", SettleMode.SETTLE)))
                .isInstanceOf(PlatformTimeoutException.class);
        platform.answerNormally();

        RegistrationResult registration = flow.register(DemoWorld.zhangWeiVisit("MZ015", SettleMode.SETTLE));

        List<PlatformRequest> registrations = platform.received().stream().filter(r -> r.infno().equals("2201"))
                .toList();
        assertThat(registrations).hasSize(2);
        assertThat(registrations.get(1).msgid()).isEqualTo(registrations.get(0).msgid());
        assertThat(registration.mdtrtId()).isNotBlank();
        assertThat(jdbc.queryForObject("SELECT status FROM platform_calls WHERE infno = '2201'", String.class))
                .as("one 2201, answered on the second ask").isEqualTo("ANSWERED");
        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ015", SettleMode.SETTLE)).setlinfo().setlId()).isNotNull();
    }

    /**
     * The process died between recording a call as under way and sending it (the fee upload or the settlement):
     * the retry finds no such call, knows nothing reached the platform, and uploads / settles anew.
     */
    @Test
    void aCallRecordedButNeverSentIsNotAskedForOrWithdrawn() {
        flow.register(DemoWorld.zhangWeiVisit("MZ016", SettleMode.SETTLE));
        jdbc.update("UPDATE gateway_visits SET status = 'FEES_UPLOADED', fee_msgid = 'H33010000001202603020916059998' "
                + "WHERE ipt_otp_no = 'MZ016'");
        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ016", SettleMode.SETTLE)).setlinfo().setlId()).isNotNull();
        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2207");

        flow.register(DemoWorld.zhangWeiVisit("MZ017", SettleMode.SETTLE));
        flow.charge(DemoWorld.zhangWeiVisit("MZ017", SettleMode.UPLOAD_ONLY));
        jdbc.update("UPDATE gateway_visits SET status = 'SETTLE_PENDING', settle_msgid = "
                + "'H33010000001202603020916059999' WHERE ipt_otp_no = 'MZ017'");
        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ017", SettleMode.SETTLE)).setlinfo().setlId()).isNotNull();
        assertThat(status("MZ017")).isEqualTo("SETTLED");
    }

    /** Stands for SIGKILL in the middle of a platform call: not an exception any layer handles. */
    private static final class InstanceKilled extends Error {
        InstanceKilled() {
            super("instance killed mid-call");
        }
    }

    private OutpatientFlow flowOver(PlatformClient client) {
        PlatformCallLog calls = new PlatformCallLog(jdbc, clock);
        return new OutpatientFlow(new EnvelopeFactory(DemoWorld.mappingSource(), msgIds, properties, clock),
                new TracedPlatform(client, calls), new GatewayVisitStore(jdbc, clock), calls, properties, clock);
    }

    @Test
    void anUndeliveredSettlementLeavesTheVisitFreeToSettleAgain() {
        flow.register(DemoWorld.zhangWeiVisit("MZ012", SettleMode.SETTLE));
        platform.cannotDeliver("2207");
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ012", SettleMode.SETTLE)))
                .isInstanceOf(PlatformUnavailableException.class);
        assertThat(status("MZ012")).isEqualTo("FEES_UPLOADED");
        assertThat(jdbc.queryForObject("SELECT status FROM platform_calls WHERE infno = '2207'", String.class))
                .isEqualTo("FAILED");
        platform.answerNormally();

        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ012", SettleMode.SETTLE)).setlinfo().setlId()).isNotNull();
        assertThat(status("MZ012")).isEqualTo("SETTLED");
    }

    @Test
    void cancelSettlementThenRegistrationThenRegisterTheSameVisitNumberAgain() {
        RegistrationResult first = flow.register(DemoWorld.zhangWeiVisit("MZ008", SettleMode.SETTLE));
        ChargeResult settled = flow.charge(DemoWorld.zhangWeiVisit("MZ008", SettleMode.SETTLE));

        assertThatThrownBy(() -> flow.cancelRegistration(DemoWorld.zhangWeiVisit("MZ008", SettleMode.CANCEL)))
                .isInstanceOf(VisitStateException.class);
        var reversal = flow.cancelSettlement(DemoWorld.zhangWeiVisit("MZ008", SettleMode.CANCEL));
        assertThat(reversal.setlId()).isEqualTo(settled.setlinfo().setlId());
        assertThat(reversal.acctPay()).isEqualByComparingTo("-39.46");
        assertThat(platform.balance(ZHANG_WEI_PSN_NO)).isEqualByComparingTo("1000.00");
        assertThat(status("MZ008")).isEqualTo("REGISTERED");

        flow.cancelRegistration(DemoWorld.zhangWeiVisit("MZ008", SettleMode.CANCEL));
        assertThat(status("MZ008")).isEqualTo("CANCELLED");
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("MZ008", SettleMode.SETTLE)))
                .isInstanceOf(VisitStateException.class);

        RegistrationResult again = flow.register(DemoWorld.zhangWeiVisit("MZ008", SettleMode.SETTLE));
        assertThat(again.mdtrtId()).isNotEqualTo(first.mdtrtId());
        assertThat(platform.infnos()).containsExactly("1101", "2201", "2203", "2204", "2207", "2208", "2205", "2202",
                "1101", "2201");
        PlatformRequest cancel = platform.received().get(5);
        assertThat(cancel.input().path("data").path("setl_id").asText()).isEqualTo(settled.setlinfo().setlId());
        assertThat(platform.received().get(6).input().path("data").path("chrg_bchno").asText()).isEqualTo("0000");
    }

    @Test
    void anInternetVisitIsMarkedAtRegistrationAndRemembered() {
        Visit internet = DemoWorld.visit(HOSPITAL, "NET001", DemoWorld.zhangWeiVisit("x", null).person(), true,
                SettleMode.SETTLE);

        RegistrationResult registration = flow.register(internet);

        assertThat(registration.internet()).isTrue();
        assertThat(platform.received().get(1).input().path("data").path("exp_content").asText())
                .isEqualTo("{\"inet_flag\":\"1\"}");
        assertThat(jdbc.queryForObject("SELECT inet_flag FROM gateway_visits", String.class)).isEqualTo("1");
    }

    @Test
    void aChargeFindsItsVisitByMdtrtIdOrRefusesAnUnknownOne() {
        RegistrationResult registration = flow.register(DemoWorld.zhangWeiVisit("MZ009", SettleMode.SETTLE));
        Visit echoed = DemoWorld.zhangWeiVisit("MZ009", SettleMode.UPLOAD_ONLY);
        Visit byMdtrtId = new Visit(echoed.institutionCode(), echoed.visitNo(), registration.mdtrtId(),
                echoed.medType(), echoed.insutype(), echoed.begin(), echoed.deptCode(), echoed.deptName(),
                echoed.doctorCode(), echoed.doctorName(), false, echoed.person(), echoed.diagnoses(), echoed.fees(),
                SettleMode.UPLOAD_ONLY, echoed.chrgBchno(), echoed.acctUsedFlag(), null, null, echoed.operator());

        assertThat(flow.charge(byMdtrtId).mdtrtId()).isEqualTo(registration.mdtrtId());
        assertThatThrownBy(() -> flow.charge(DemoWorld.zhangWeiVisit("NOPE", SettleMode.SETTLE)))
                .isInstanceOf(UnknownVisitException.class).hasMessageContaining("NOPE");
    }

    @Test
    void warningsReachTheResult() {
        platform.warnOn("2207", "非复诊: 本次就诊不享受统筹待遇");
        flow.register(DemoWorld.zhangWeiVisit("MZ010", SettleMode.SETTLE));
        assertThat(flow.charge(DemoWorld.zhangWeiVisit("MZ010", SettleMode.SETTLE)).warnMsg())
                .isEqualTo("非复诊: 本次就诊不享受统筹待遇");
    }

    /**
     * H2 in PostgreSQL mode by default; with -Dinsurebridge.test.postgres-url=jdbc:postgresql://... (user/password in
     * insurebridge.test.postgres-user / -password) the same tests run on real PostgreSQL, one fresh schema per test.
     */
    private static DataSource freshDatabase() {
        String postgres = System.getProperty("insurebridge.test.postgres-url");
        String name = "flow_" + UUID.randomUUID().toString().replace("-", "");
        if (postgres == null || postgres.isBlank()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
            h2.setUser("sa");
            Flyway.configure().dataSource(h2).load().migrate();
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgres);
        pg.setUser(System.getProperty("insurebridge.test.postgres-user", "postgres"));
        pg.setPassword(System.getProperty("insurebridge.test.postgres-password", ""));
        pg.setCurrentSchema(name);
        Flyway.configure().dataSource(pg).schemas(name).createSchemas(true).load().migrate();
        return pg;
    }

    private String status(String visitNo) {
        return jdbc.queryForObject("SELECT status FROM gateway_visits WHERE ipt_otp_no = ?", String.class, visitNo);
    }
}
