package io.insurebridge.settlement.policy;

import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.settlement.DemoMappings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.*;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.*;

/**
 * Table of visits whose expected amounts were computed by hand from docs/policy.md and the demo data
 * (mappings/). The arithmetic is in the comment of each row. Care place 330100 unless said otherwise;
 * H33010000001 is level 3, H33010000002 level 2.
 */
class PolicyEngineTest {
    static final MappingSnapshot DEMO = DemoMappings.snapshot();
    final PolicyEngine engine = new PolicyEngine();

    // persons
    static final String ZHANG_WEI = "33010000000000000001"; // 310, 330100, account 1000.00
    static final String LI_NA = "33010000000000000002";     // 390, 330100
    static final String WANG_FANG = "33010000000000000003"; // 310, account 50.00, chronic M03900:I10
    static final String LIU_YANG = "51010000000000000004";  // 310, insured 510100, filed to 330100, account 300.00
    static final String CHEN_JING = "51010000000000000005"; // 390, insured 510100, no filing
    static final String SUN_LI = "33010000000000000007";    // 390, LOW_INCOME
    static final String WU_MIN = "33010000000000000009";    // 390, chronic M00900:C92
    // catalog
    static final String AMLODIPINE = "XC08CAA148A001000000001"; // 01, ceiling 30.00
    static final String AMOXICILLIN = "XJ01CRA089A001000000003"; // 02, 0.10, ceiling 45.00
    static final String COLD_GRANULES = "ZA04AAB001B001000000005"; // 02, 0.20, ceiling 25.00
    static final String IMATINIB = "XL01XEA001A001000000006"; // 02, 0.15, ceiling 3000.00
    static final String COUGH_SYRUP = "XR05XXA999A001000000007"; // 03
    static final String CONSULTATION = "110200001000000"; // 01, 10.00
    static final String INTERNET_CONSULTATION = "110200005000000"; // 01, ceiling 10.00 (= offline consultation)
    static final String CT = "210300001000000"; // 02, 0.10, ceiling 200.00
    static final String DELIVERY = "990100000000001"; // 03, delivery

    record Case(String name, String psnNo, String institution, String medType, String diagnosis, boolean internet,
                boolean followUp, String acctUsedFlag, YearToDate ytd, List<String> items, String expected,
                String details, String error) {
        @Override
        public String toString() { return name; }
    }

    static YearToDate ytd(String dedc, String pooled, String burden, String assistance, String balance) {
        return new YearToDate(Money.of(dedc), Money.of(pooled), Money.of(burden), Money.of(assistance),
                Money.of(balance));
    }

    static YearToDate fresh(String psnNo) {
        return YearToDate.fresh(DEMO.person(psnNo).orElseThrow().acctBalance());
    }

    static Case visit(String name, String psnNo, String medType, String acctUsedFlag, YearToDate ytd,
                      List<String> items, String expected, String details) {
        return new Case(name, psnNo, "H33010000001", medType, "J06.900", false, true, acctUsedFlag, ytd, items,
                expected, details, null);
    }

    static Stream<Case> cases() {
        return Stream.of(
                // CT 1x180: pre 18, inscp 162; amlodipine 2x25.50=51 inscp 51; consultation 10 -> medfee 241, inscp 223
                // dedc min(223, 200-150)=50; hifp round(173x0.70)=121.10; pool_prop 223-50-121.10=51.90
                // psn_part 241-121.10=119.90 all from the account: balc 1000-119.90=880.10
                visit("deductible crossing (张伟, 150 of 200 used)", ZHANG_WEI, "11", "1",
                        ytd("150", "0", "0", "0", "1000"),
                        List.of(CT + " 1 180.00", AMLODIPINE + " 2 25.50", CONSULTATION + " 1 10.00"),
                        "medfee=241.00 fulamt=0.00 overlmt=0.00 pre=18.00 inscp=223.00 dedc=50.00 hifp=121.10 "
                                + "pool_prop=51.90 hifmi=0.00 maf=0.00 fund=121.10 psn_part=119.90 acct=119.90 "
                                + "cash=0.00 balc=880.10",
                        "310100=121.10 310200=119.90"),
                // amlodipine 4x25=100 inscp 100; dedc 0 (used up); hifp min(70.00, 5000-4990=10)=10; cash 90
                visit("cap reached (张伟, 4990 of 5000 paid)", ZHANG_WEI, "11", "0",
                        ytd("200", "4990", "0", "0", "1000"), List.of(AMLODIPINE + " 4 25.00"),
                        "medfee=100.00 inscp=100.00 dedc=0.00 hifp=10.00 pool_prop=90.00 fund=10.00 psn_part=90.00 "
                                + "acct=0.00 cash=90.00 balc=1000.00",
                        "310100=10.00"),
                // granules 3x12.35=37.05; pre round(37.05x0.20)=7.41; inscp 29.64; hifp round(20.748)=20.75
                visit("class-B self-pay share (张伟)", ZHANG_WEI, "11", "0", ytd("200", "0", "0", "0", "1000"),
                        List.of(COLD_GRANULES + " 3 12.35"),
                        "medfee=37.05 pre=7.41 inscp=29.64 dedc=0.00 hifp=20.75 pool_prop=8.89 fund=20.75 "
                                + "psn_part=16.30 cash=16.30",
                        "310100=20.75"),
                // CT 1x230 over ceiling 200: overlmt 30, base 200, pre 20, inscp 180; hifp 126; psn 230-126=104
                visit("price over ceiling (张伟)", ZHANG_WEI, "11", "0", ytd("200", "0", "0", "0", "1000"),
                        List.of(CT + " 1 230.00"),
                        "medfee=230.00 overlmt=30.00 pre=20.00 inscp=180.00 hifp=126.00 pool_prop=54.00 "
                                + "fund=126.00 psn_part=104.00 cash=104.00",
                        "310100=126.00"),
                // cough syrup level 03: fulamt 28, inscp 0 -> no fund; account pays 28, balc 972
                visit("self-pay item 03 (张伟)", ZHANG_WEI, "11", "1", fresh(ZHANG_WEI),
                        List.of(COUGH_SYRUP + " 1 28.00"),
                        "medfee=28.00 fulamt=28.00 overlmt=0.00 inscp=0.00 dedc=0.00 hifp=0.00 fund=0.00 "
                                + "psn_part=28.00 acct=28.00 cash=0.00 balc=972.00",
                        "310200=28.00"),
                // amlodipine 25 inscp 25 + delivery 8 self-pay; 390 deductible 0, ratio 0.50: hifp 12.50
                // B0 0 + b 12.50 below 2000 -> hifmi 0; 390 has no account: cash 20.50
                visit("delivery fee (李娜, resident)", LI_NA, "11", "1", fresh(LI_NA),
                        List.of(AMLODIPINE + " 1 25.00", DELIVERY + " 1 8.00"),
                        "medfee=33.00 fulamt=8.00 inscp=25.00 dedc=0.00 hifp=12.50 pool_prop=12.50 hifmi=0.00 "
                                + "fund=12.50 psn_part=20.50 acct=0.00 cash=20.50 balc=0.00",
                        "390100=12.50"),
                // amoxicillin 2x40=80: pre 8, inscp 72. Employee: dedc min(72,200)=72, hifp 0; account pays 80
                visit("employee 310, fresh year (张伟)", ZHANG_WEI, "11", "1", fresh(ZHANG_WEI),
                        List.of(AMOXICILLIN + " 2 40.00"),
                        "medfee=80.00 pre=8.00 inscp=72.00 dedc=72.00 hifp=0.00 pool_prop=0.00 fund=0.00 "
                                + "psn_part=80.00 acct=80.00 cash=0.00 balc=920.00",
                        "310200=80.00"),
                // same items, resident: deductible 0, hifp round(72x0.50)=36, cash 44
                visit("resident 390, fresh year (李娜)", LI_NA, "11", "1", fresh(LI_NA),
                        List.of(AMOXICILLIN + " 2 40.00"),
                        "medfee=80.00 pre=8.00 inscp=72.00 dedc=0.00 hifp=36.00 pool_prop=36.00 hifmi=0.00 "
                                + "fund=36.00 psn_part=44.00 acct=0.00 cash=44.00",
                        "390100=36.00"),
                // Internet+ consultation 15.00 over its ceiling 10.00 (= offline consultation): overlmt 5, inscp 10
                // + amlodipine 25 -> inscp 35; hifp round(35x0.70)=24.50 - equal to the offline visit below
                new Case("Internet+ follow-up (张伟)", ZHANG_WEI, "H33010000001", "11", "I10.x00", true, true, "0",
                        ytd("200", "0", "0", "0", "1000"),
                        List.of(INTERNET_CONSULTATION + " 1 15.00", AMLODIPINE + " 1 25.00"),
                        "medfee=40.00 overlmt=5.00 inscp=35.00 hifp=24.50 pool_prop=10.50 fund=24.50 "
                                + "psn_part=15.50 cash=15.50", "310100=24.50", null),
                visit("offline equivalent of the Internet+ visit (张伟)", ZHANG_WEI, "11", "0",
                        ytd("200", "0", "0", "0", "1000"),
                        List.of(CONSULTATION + " 1 10.00", AMLODIPINE + " 1 25.00"),
                        "medfee=35.00 inscp=35.00 hifp=24.50 pool_prop=10.50 fund=24.50 psn_part=10.50",
                        "310100=24.50"),
                // not a follow-up: items classified as usual, all funds 0, person pays 40 (checked: warning, no delta)
                new Case("Internet+ not a follow-up (张伟)", ZHANG_WEI, "H33010000001", "11", "I10.x00", true, false,
                        "0", ytd("0", "0", "0", "0", "1000"),
                        List.of(INTERNET_CONSULTATION + " 1 15.00", AMLODIPINE + " 1 25.00"),
                        "medfee=40.00 overlmt=5.00 inscp=35.00 dedc=0.00 hifp=0.00 pool_prop=35.00 hifmi=0.00 "
                                + "maf=0.00 fund=0.00 psn_part=40.00 cash=40.00", "", null),
                // chronic 310 level 3: deductible 0, ratio 0.85: amlodipine 4x25.50=102 -> hifp 86.70
                // psn_part 15.30 from the account (50.00): balc 34.70
                new Case("chronic 14 with qualification (王芳, I10)", WANG_FANG, "H33010000001", "14", "I10.x00",
                        false, true, "1", fresh(WANG_FANG), List.of(AMLODIPINE + " 4 25.50"),
                        "medfee=102.00 inscp=102.00 dedc=0.00 hifp=86.70 pool_prop=15.30 fund=86.70 "
                                + "psn_part=15.30 acct=15.30 cash=0.00 balc=34.70", "310100=86.70 310200=15.30",
                        null),
                new Case("chronic 14 without qualification (张伟)", ZHANG_WEI, "H33010000001", "14", "I10.x00",
                        false, true, "1", fresh(ZHANG_WEI), List.of(AMLODIPINE + " 4 25.50"), null, null,
                        "no chronic/special disease qualification for diagnosis I10.x00"),
                new Case("chronic 14, qualification for another disease (王芳, E11)", WANG_FANG, "H33010000001", "14",
                        "E11.900", false, true, "1", fresh(WANG_FANG), List.of(AMLODIPINE + " 4 25.50"), null, null,
                        "no chronic/special disease qualification for diagnosis E11.900"),
                // amoxicillin: inscp 72 all deductible, psn_part 80; account has 50.00 -> acct 50, cash 30, balc 0
                visit("account exhausted (王芳, 50.00)", WANG_FANG, "11", "1", fresh(WANG_FANG),
                        List.of(AMOXICILLIN + " 2 40.00"),
                        "medfee=80.00 inscp=72.00 dedc=72.00 hifp=0.00 fund=0.00 psn_part=80.00 acct=50.00 "
                                + "cash=30.00 balc=0.00", "310200=50.00"),
                // CT 180 (pre 18, inscp 162) + amlodipine 2x25 (50): inscp 212; hifp 106; b 106 < 2000: hifmi 0
                // maf min(round((212-106-0)x0.70)=74.20, 10000); fund 180.20; psn 230-180.20=49.80
                visit("LOW_INCOME assistance (孙丽)", SUN_LI, "11", "0", fresh(SUN_LI),
                        List.of(CT + " 1 180.00", AMLODIPINE + " 2 25.00"),
                        "medfee=230.00 pre=18.00 inscp=212.00 hifp=106.00 pool_prop=106.00 hifmi=0.00 maf=74.20 "
                                + "fund=180.20 psn_part=49.80 cash=49.80", "390100=106.00 610100=74.20"),
                // B0 1980 + b (72-36=36) = 2016: (16 - 0) x 0.60 = 9.60; fund 45.60; psn 34.40
                visit("critical illness crosses the threshold (李娜, B0 1980)", LI_NA, "11", "0",
                        ytd("0", "0", "1980", "0", "0"), List.of(AMOXICILLIN + " 2 40.00"),
                        "inscp=72.00 hifp=36.00 hifmi=9.60 fund=45.60 psn_part=34.40",
                        "390100=36.00 390200=9.60"),
                // insured 510100 (310: deductible 300, ratio(3) 0.60), filed to 330100: full ratio
                // CT 2x180=360: pre 36, inscp 324; dedc 300; hifp round(24x0.60)=14.40; psn 345.60; acct 300
                visit("off-site with filing (刘洋, 510100 -> 330100)", LIU_YANG, "11", "1", fresh(LIU_YANG),
                        List.of(CT + " 2 180.00"),
                        "medfee=360.00 pre=36.00 inscp=324.00 dedc=300.00 hifp=14.40 pool_prop=9.60 fund=14.40 "
                                + "psn_part=345.60 acct=300.00 cash=45.60 balc=0.00", "310100=14.40 310200=300.00"),
                // insured 510100 (390: deductible 100, ratio(3) 0.50 - 0.10 unfiled = 0.40), no filing
                // inscp 324; dedc 100; hifp round(224x0.40)=89.60; pool_prop 134.40; b 234.40 < 2500: hifmi 0
                visit("off-site without filing (陈静, ratio 0.50-0.10)", CHEN_JING, "11", "0", fresh(CHEN_JING),
                        List.of(CT + " 2 180.00"),
                        "medfee=360.00 inscp=324.00 dedc=100.00 hifp=89.60 pool_prop=134.40 hifmi=0.00 fund=89.60 "
                                + "psn_part=270.40 cash=270.40", "390100=89.60"),
                // level 2 institution: 310 outpatient ratio 0.80: amlodipine 4x25=100 -> hifp 80
                new Case("level-2 institution ratio (张伟 at H33010000002)", ZHANG_WEI, "H33010000002", "11",
                        "J06.900", false, true, "0", ytd("200", "0", "0", "0", "1000"),
                        List.of(AMLODIPINE + " 4 25.00"), "inscp=100.00 hifp=80.00 fund=80.00 psn_part=20.00",
                        "310100=80.00", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void settlesVisit(Case c) {
        if (c.error() != null) {
            assertThatThrownBy(() -> settle(c)).isInstanceOf(PolicyRefusal.class).hasMessageContaining(c.error());
            return;
        }
        VisitSettlement s = settle(c);
        for (Map.Entry<String, String> e : parse(c.expected()).entrySet()) {
            assertThat(FIELDS.get(e.getKey()).apply(s)).as(e.getKey()).isEqualByComparingTo(e.getValue());
        }
        assertThat(s.details().stream().map(d -> d.fundPayType() + "=" + d.fundPayamt())
                .collect(Collectors.joining(" "))).isEqualTo(c.details());
        assertInvariants(s);
        if (c.internet() && !c.followUp()) {
            assertThat(s.warning()).contains("Not a follow-up");
            assertThat(s.delta()).isEqualTo(AccumulatorDelta.NONE);
        } else {
            assertThat(s.warning()).isNull();
        }
    }

    @Test
    void criticalIllnessCrossesTheThresholdOverSeveralVisits() {
        // 吴敏 390 chronic (M00900:C92) at level 3: deductible 0, ratio 0.70, cap 10000; CI threshold 2000 ratio 0.60
        // imatinib 1x2800: pre round(2800x0.15)=420, inscp 2380; hifp round(2380x0.70)=1666; b = 2380-1666 = 714
        // visit 1: B0 0    -> 714  below 2000: hifmi 0
        // visit 2: B0 714  -> 1428 below 2000: hifmi 0
        // visit 3: B0 1428 -> 2142: (142 - 0) x 0.60 = 85.20; fund 1751.20; psn 2800-1751.20 = 1048.80
        // visit 4: B0 2142 -> 2856: (856 - 142) x 0.60 = 428.40; fund 2094.40; psn 705.60
        Case c = new Case("吴敏", WU_MIN, "H33010000001", "14", "C92.100", false, true, "0", fresh(WU_MIN),
                List.of(IMATINIB + " 1 2800.00"), null, null, null);
        String[] hifmi = {"0.00", "0.00", "85.20", "428.40"};
        String[] psnPart = {"1134.00", "1134.00", "1048.80", "705.60"};
        YearToDate ytd = c.ytd();
        for (int visit = 0; visit < 4; visit++) {
            VisitSettlement s = settle(c, ytd);
            assertThat(s.inscpScpAmt()).isEqualByComparingTo("2380.00");
            assertThat(s.hifpPay()).isEqualByComparingTo("1666.00");
            assertThat(s.hifmiPay()).as("hifmi of visit %d", visit + 1).isEqualByComparingTo(hifmi[visit]);
            assertThat(s.psnPartAmt()).isEqualByComparingTo(psnPart[visit]);
            assertInvariants(s);
            ytd = ytd.plus(s.delta());
        }
        assertThat(ytd.criticalIllnessBurden()).isEqualByComparingTo("2856.00"); // 4 x 714
        assertThat(ytd.pooledPaid()).isEqualByComparingTo("6664.00");            // 4 x 1666
    }

    @Test
    void cancelThenSettleAgainGivesTheSameAnswer() {
        Case c = cases().findFirst().orElseThrow(); // deductible crossing
        VisitSettlement first = settle(c);
        YearToDate after = c.ytd().plus(first.delta());
        // 150+50 deductible, 121.10 pooled, B0 223-121.10=101.90, balance 1000-119.90
        assertThat(after).isEqualTo(ytd("200", "121.10", "101.90", "0", "880.10"));
        YearToDate restored = after.minus(first.delta());
        assertThat(restored.deductibleUsed()).isEqualByComparingTo("150");
        assertThat(restored.accountBalance()).isEqualByComparingTo("1000");
        assertThat(settle(c, restored)).isEqualTo(first);
    }

    @Test
    void lineTotalMustMatchPriceTimesQuantity() {
        var amlodipine = DEMO.catalogItem(AMLODIPINE).orElseThrow();
        // 2 x 25.50 = 51.00: 51.01 is within 0.01 (the node's own 51.00 is used), 51.02 is refused
        assertThat(engine.classify(new FeeDetailInput("1", Money.of("51.01"), new BigDecimal("2"),
                new BigDecimal("25.50")), amlodipine).detItemFeeSumamt()).isEqualByComparingTo("51.00");
        assertThatThrownBy(() -> engine.classify(new FeeDetailInput("2", Money.of("51.02"), new BigDecimal("2"),
                new BigDecimal("25.50")), amlodipine)).isInstanceOf(PolicyRefusal.class)
                .hasMessageContaining("Fee item 2");
        // unit price with 4 places x fractional quantity: 3.3333 x 1.5 = 4.99995 -> 5.00
        assertThat(engine.classify(new FeeDetailInput("3", Money.of("5.00"), new BigDecimal("1.5"),
                new BigDecimal("3.3333")), amlodipine).inscpScpAmt()).isEqualByComparingTo("5.00");
    }

    @Test
    void classifiesItemsForTheFeeUpload() {
        // CT 1x230: overlmt round(30x1)=30, base 200, pre round(200x0.10)=20, inscp 180
        ItemClassification ct = classify(CT + " 1 230.00", "7");
        assertThat(List.of(ct.detItemFeeSumamt(), ct.overlmtAmt(), ct.preselfpayAmt(), ct.inscpScpAmt(),
                ct.fulamtOwnpayAmt())).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(Money.of("230"), Money.of("30"), Money.of("20"), Money.of("180"), Money.ZERO);
        assertThat(ct.chrgitmLv()).isEqualTo("02");
        assertThat(ct.medChrgitmType()).isEqualTo("02");
        assertThat(ct.pricUplmtAmt()).isEqualByComparingTo("200.00");
        assertThat(ct.memo()).contains("above ceiling");
        ItemClassification delivery = classify(DELIVERY + " 1 8.00", "8");
        assertThat(delivery.fulamtOwnpayAmt()).isEqualByComparingTo("8.00");
        assertThat(delivery.overlmtAmt()).isEqualByComparingTo("0");
        assertThat(delivery.memo()).contains("delivery");
    }

    private VisitSettlement settle(Case c) {
        return settle(c, c.ytd());
    }

    private VisitSettlement settle(Case c, YearToDate ytd) {
        InsuredPerson person = DEMO.person(c.psnNo()).orElseThrow();
        Institution care = DEMO.institution(c.institution()).orElseThrow();
        VisitTerms terms = engine.terms(person, DEMO.policy(person.insuplcAdmdvs()).orElseThrow(), care,
                care.admdvs(), c.medType(), c.diagnosis(), c.internet(), c.followUp(), c.acctUsedFlag());
        List<ItemClassification> items = new ArrayList<>();
        for (int i = 0; i < c.items().size(); i++) {
            items.add(classify(c.items().get(i), String.valueOf(i + 1)));
        }
        return engine.settle(terms, items, ytd);
    }

    /** "code cnt pric": the HIS line total is round(pric x cnt). */
    private ItemClassification classify(String line, String sn) {
        String[] p = line.split(" ");
        BigDecimal cnt = new BigDecimal(p[1]);
        BigDecimal pric = new BigDecimal(p[2]);
        return engine.classify(new FeeDetailInput(sn, Money.round(cnt.multiply(pric)), cnt, pric),
                DEMO.catalogItem(p[0]).orElseThrow());
    }

    static void assertInvariants(VisitSettlement s) {
        assertThat(s.fundPaySumamt()).isEqualByComparingTo(s.hifpPay().add(s.hifmiPay()).add(s.mafPay()));
        assertThat(s.psnPartAmt()).isEqualByComparingTo(s.medfeeSumamt().subtract(s.fundPaySumamt()));
        assertThat(s.acctPay().add(s.psnCashPay())).isEqualByComparingTo(s.psnPartAmt());
        assertThat(s.medfeeSumamt()).isEqualByComparingTo(s.fulamtOwnpayAmt().add(s.overlmtSelfpay())
                .add(s.preselfpayAmt()).add(s.inscpScpAmt()));
        assertThat(s.inscpScpAmt()).isEqualByComparingTo(s.actPayDedc().add(s.hifpPay()).add(s.poolPropSelfpay()));
    }

    static final Map<String, Function<VisitSettlement, BigDecimal>> FIELDS = Map.ofEntries(
            Map.entry("medfee", VisitSettlement::medfeeSumamt), Map.entry("fulamt", VisitSettlement::fulamtOwnpayAmt),
            Map.entry("overlmt", VisitSettlement::overlmtSelfpay), Map.entry("pre", VisitSettlement::preselfpayAmt),
            Map.entry("inscp", VisitSettlement::inscpScpAmt), Map.entry("dedc", VisitSettlement::actPayDedc),
            Map.entry("hifp", VisitSettlement::hifpPay), Map.entry("pool_prop", VisitSettlement::poolPropSelfpay),
            Map.entry("hifmi", VisitSettlement::hifmiPay), Map.entry("maf", VisitSettlement::mafPay),
            Map.entry("fund", VisitSettlement::fundPaySumamt), Map.entry("psn_part", VisitSettlement::psnPartAmt),
            Map.entry("acct", VisitSettlement::acctPay), Map.entry("cash", VisitSettlement::psnCashPay),
            Map.entry("balc", VisitSettlement::balc));

    private static Map<String, String> parse(String expected) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String kv : expected.split(" ")) {
            String[] p = kv.split("=");
            out.put(p[0], p[1]);
        }
        return out;
    }
}
