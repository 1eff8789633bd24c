package io.insurebridge.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import io.insurebridge.platform.msgid.MsgIdSource;

class EnvelopeFactoryTest {

    /** 2026-03-02 01:16:05 UTC = 09:16:05 in the platform's zone. */
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-02T01:16:05Z"), ZoneOffset.UTC);
    private final AtomicInteger sequence = new AtomicInteger();
    private final MsgIdSource msgIds = institution -> institution + "20260302091605"
            + String.format("%04d", sequence.incrementAndGet());
    private final PlatformProperties properties = new PlatformProperties(null, null, null, null, null, null, null,
            null, Map.of(DemoWorld.HOSPITAL, "SIGN20260302000001"), null);
    private final EnvelopeFactory envelopes = new EnvelopeFactory(DemoWorld.mappingSource(), msgIds, properties, clock);
    private final Visit visit = DemoWorld.zhangWeiVisit("MZ001", SettleMode.SETTLE);

    @Test
    void settlementOfAnOffSitePatient() {
        // 刘洋 is insured in 510100 (1101 said so) and treated in 330100
        PlatformRequest request = envelopes.build("2207", DemoWorld.HOSPITAL, "510100", DemoWorld.CASHIER,
                TransactionInputs.cancelSettlement2208("S1", "M1", "51010000000000000004"));

        assertThat(request.infno()).isEqualTo("2207");
        assertThat(request.msgid()).isEqualTo("H33010000001202603020916050001").hasSize(30);
        assertThat(request.mdtrtarea_admvs()).isEqualTo("330100");
        assertThat(request.insuplc_admdvs()).isEqualTo("510100");
        assertThat(request.recer_sys_code()).isEqualTo("YBXT");
        assertThat(request.infver()).isEqualTo("V1.0");
        assertThat(request.opter_type()).isEqualTo("1");
        assertThat(request.opter()).isEqualTo("C0042");
        assertThat(request.opter_name()).isEqualTo("收费员李");
        assertThat(request.inf_time()).isEqualTo("2026-03-02 09:16:05").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(request.fixmedins_code()).isEqualTo("H33010000001");
        assertThat(request.fixmedins_name()).isEqualTo("Demo East First People's Hospital");
        assertThat(request.sign_no()).isEqualTo("SIGN20260302000001");
        assertThat(request.input().path("data").path("setl_id").asText()).isEqualTo("S1");
    }

    @Test
    void personQueryIsAlwaysInTheCarePlace() {
        PlatformRequest request = envelopes.build("1101", DemoWorld.WEST_HOSPITAL, null, null,
                TransactionInputs.personInfo1101(visit));
        assertThat(request.mdtrtarea_admvs()).isEqualTo("510100");
        assertThat(request.insuplc_admdvs()).isEqualTo("510100");
        assertThat(request.opter()).isEqualTo("SYSTEM");
        assertThat(request.sign_no()).isNull();
        assertThat(PlatformJson.write(request)).doesNotContain("cainfo").contains("\"recer_sys_code\":\"YBXT\"");
    }

    @Test
    void recerSysCodeIsConfigurable() {
        PlatformProperties retiredCadres = new PlatformProperties(null, null, null, null, null, "LXXT", null, null,
                null, null);
        PlatformRequest request = new EnvelopeFactory(DemoWorld.mappingSource(), msgIds, retiredCadres, clock)
                .build("1101", DemoWorld.HOSPITAL, null, null, TransactionInputs.personInfo1101(visit));
        assertThat(request.recer_sys_code()).isEqualTo("LXXT");
    }

    @Test
    void aPersonTransactionWithoutInsuredPlaceIsRefusedBeforeSending() {
        assertThatThrownBy(() -> envelopes.build("2201", DemoWorld.HOSPITAL, null, null,
                TransactionInputs.personInfo1101(visit)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("insuplc_admdvs");
        assertThatThrownBy(() -> envelopes.build("1101", "H99999900001", null, null,
                TransactionInputs.personInfo1101(visit)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("H99999900001");
    }
}
