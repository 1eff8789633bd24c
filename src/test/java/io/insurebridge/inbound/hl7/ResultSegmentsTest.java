package io.insurebridge.inbound.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.insurebridge.model.SettleMode;
import io.insurebridge.platform.FeeResult;
import io.insurebridge.platform.FundPayment;
import io.insurebridge.platform.PlatformJson;
import io.insurebridge.platform.SettlementInfo;
import io.insurebridge.platform.gateway.ChargeResult;
import io.insurebridge.platform.gateway.RegistrationResult;

class ResultSegmentsTest {

    @Test
    void escapesEveryDelimiterAndLineBreaks() {
        assertThat(ResultSegments.escape("a|b^c~d\\e&f\rg\nh")).isEqualTo("a\\F\\b\\S\\c\\R\\d\\E\\e\\T\\f\\X0D\\g\\X0A\\h");
        assertThat(ResultSegments.escape(null)).isEmpty();
        assertThat(ResultSegments.zwn("非复诊|无统筹^待遇")).isEqualTo("ZWN|非复诊\\F\\无统筹\\S\\待遇");
    }

    @Test
    void zivHasThePersonAfterRegistration() {
        RegistrationResult r = new RegistrationResult("33010000000000000001", "张伟", "310", "330100",
                new BigDecimal("1000"), "3301000000000001", "1", false, null);
        assertThat(ResultSegments.ziv(r)).isEqualTo("ZIV|33010000000000000001|张伟|310|330100|1000.00|3301000000000001|1");
        assertThat(ResultSegments.forRegistration(r)).hasSize(1);
    }

    @Test
    void chargeSegmentsInOrderWithNumbersPlain() {
        SettlementInfo setl = new SettlementInfo("S3301000000000002", "3301000000000001", "33010000000000000001",
                "张伟", "310", "2026-03-02 09:20:00", new BigDecimal("118.19"), new BigDecimal("0"),
                new BigDecimal("0.00"), new BigDecimal("5.72"), new BigDecimal("112.47"), BigDecimal.ZERO,
                new BigDecimal("78.73"), null, BigDecimal.ZERO, null, new BigDecimal("78.73"), new BigDecimal("39.46"),
                new BigDecimal("39.46"), new BigDecimal("0.00"), new BigDecimal("960.54"), "H33010000001202603020916050005",
                PlatformJson.object());
        List<FundPayment> funds = List.of(
                new FundPayment("310100", "职工基本医疗保险统筹基金", new BigDecimal("112.47"), new BigDecimal("78.73")),
                new FundPayment("310200", "个人账户 & 家庭共济", BigDecimal.ZERO, new BigDecimal("39.46")));
        FeeResult fee = new FeeResult("MZ001-2", new BigDecimal("57.19"), new BigDecimal("1.5"),
                new BigDecimal("38.123456"), new BigDecimal("45"), new BigDecimal("0.10"), BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("5.72"), new BigDecimal("51.47"), "02", "09", null);
        ChargeResult charge = new ChargeResult("3301000000000001", SettleMode.SETTLE, List.of(fee), setl, funds,
                "注意~复诊");

        assertThat(ResultSegments.forCharge(charge)).containsExactly(
                "ZST|S3301000000000002|3301000000000001|118.19|0.00|0.00|5.72|112.47|0.00|78.73|0.00||78.73|39.46"
                        + "|39.46|0.00|960.54|SETTLE",
                "ZSD|310100|职工基本医疗保险统筹基金|78.73",
                "ZSD|310200|个人账户 \\T\\ 家庭共济|39.46",
                "ZFD|MZ001-2|02|51.47|5.72|0.00|0.00",
                "ZWN|注意\\R\\复诊");
        assertThat(ResultSegments.zst(setl, SettleMode.PRE_SETTLE)).endsWith("|960.54|PRE");
    }

    @Test
    void uploadOnlyHasFeeLinesButNoTotals() {
        FeeResult fee = new FeeResult("MZ003-1", new BigDecimal("51.00"), new BigDecimal("2"), new BigDecimal("25.5"),
                new BigDecimal("30"), BigDecimal.ZERO, null, null, null, new BigDecimal("51"), "01", "09", null);
        ChargeResult charge = new ChargeResult("M1", SettleMode.UPLOAD_ONLY, List.of(fee), null, List.of(), null);
        assertThat(ResultSegments.forCharge(charge)).containsExactly("ZFD|MZ003-1|01|51.00|||");
    }
}
