package io.insurebridge.platform;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.insurebridge.mapping.Area;
import io.insurebridge.mapping.CatalogItem;
import io.insurebridge.mapping.CrosswalkEntry;
import io.insurebridge.mapping.Doctor;
import io.insurebridge.mapping.Institution;
import io.insurebridge.mapping.InsuredPerson;
import io.insurebridge.mapping.MappingSnapshot;
import io.insurebridge.mapping.MappingSource;
import io.insurebridge.model.Diagnosis;
import io.insurebridge.model.FeeLine;
import io.insurebridge.model.Operator;
import io.insurebridge.model.PersonIdentity;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;

/** A hand-made slice of the demo world (../shared/demo) for tests that must not depend on the mapping loader. */
public final class DemoWorld {

    public static final String HOSPITAL = "H33010000001";
    public static final String WEST_HOSPITAL = "H51010000001";
    public static final String ZHANG_WEI_CERTNO = "330102198001150117";
    public static final String ZHANG_WEI_PSN_NO = "33010000000000000001";
    public static final String LIU_YANG_CERTNO = "510104197512300414";
    public static final String DOCTOR = "D330100000001";
    public static final Operator CASHIER = new Operator("1", "C0042", "收费员李");
    public static final LocalDateTime VISIT_START = LocalDateTime.of(2026, 3, 2, 9, 15, 0);

    private DemoWorld() {}

    public static MappingSnapshot snapshot() {
        Map<String, Institution> institutions = byKey(Institution::code,
                new Institution(HOSPITAL, "Demo East First People's Hospital", "330100", "3", "ACTIVE", "ACTIVE"),
                new Institution("H33010000002", "Demo East District Hospital", "330100", "2", "ACTIVE", "SUSPENDED"),
                new Institution(WEST_HOSPITAL, "Demo West Central Hospital", "510100", "3", "ACTIVE", "ACTIVE"));
        Map<String, CatalogItem> catalog = byKey(CatalogItem::code,
                item("XC08CAA148A001000000001", "Amlodipine besylate tablets 5mg x28", "101", "01", "0", "30.00", "09"),
                item("XJ01CRA089A001000000003", "Amoxicillin and clavulanate tablets x12", "101", "02", "0.10", "45.00", "09"),
                item("XR05XXA999A001000000007", "Cough syrup (outside catalog) 100ml", "101", "03", "1", "0", "09"),
                item("110200001000000", "General outpatient consultation", "201", "01", "0", "10.00", "12"),
                item("110200005000000", "Internet+ follow-up consultation", "201", "01", "0", "10.00", "12"));
        Map<String, CrosswalkEntry> crosswalk = byKey(CrosswalkEntry::localCode,
                new CrosswalkEntry(HOSPITAL, "YP0001", "XC08CAA148A001000000001", "101"),
                new CrosswalkEntry(HOSPITAL, "YP0003", "XJ01CRA089A001000000003", "101"),
                new CrosswalkEntry(HOSPITAL, "YP0007", "XR05XXA999A001000000007", "101"),
                new CrosswalkEntry(HOSPITAL, "ZL1001", "110200001000000", "201"),
                new CrosswalkEntry(HOSPITAL, "ZL1002", "110200005000000", "201"));
        Map<String, Doctor> doctors = byKey(Doctor::code,
                new Doctor(DOCTOR, "Dr. Demo Wang", HOSPITAL, 12),
                new Doctor("D510100000001", "Dr. Demo Chen", WEST_HOSPITAL, 12));
        Map<String, InsuredPerson> persons = byKey(InsuredPerson::psnNo,
                person(ZHANG_WEI_PSN_NO, "张伟", ZHANG_WEI_CERTNO, "1", "1980-01-15", "310", "330100", "1000.00", "EV330100000001"),
                person("33010000000000000002", "李娜", "330102199211030222", "2", "1992-11-03", "390", "330100", "0.00", "EV330100000002"),
                person("51010000000000000004", "刘洋", LIU_YANG_CERTNO, "1", "1975-12-30", "310", "510100", "300.00", "EV510100000004"));
        Map<String, Area> areas = byKey(Area::admdvs,
                new Area("330100", "Demo East City", "330000"), new Area("510100", "Demo West City", "510000"));
        return new MappingSnapshot(catalog, Map.of(HOSPITAL, crosswalk), Map.of(), Map.of(), institutions, Map.of(),
                doctors, Map.of(), areas, persons, Map.of(), Map.of(), Instant.parse("2026-03-01T00:00:00Z"), "demo");
    }

    public static MappingSource mappingSource() {
        MappingSnapshot snapshot = snapshot();
        return () -> snapshot;
    }

    /** 张伟 at the first hospital, identified by his resident ID card, hypertension, two drugs and a consultation. */
    public static Visit zhangWeiVisit(String visitNo, SettleMode mode) {
        return visit(HOSPITAL, visitNo, new PersonIdentity("02", ZHANG_WEI_CERTNO, null, ZHANG_WEI_CERTNO, "张伟", null),
                false, mode);
    }

    public static Visit visit(String institution, String visitNo, PersonIdentity person, boolean internet,
                              SettleMode mode) {
        List<Diagnosis> diagnoses = List.of(
                new Diagnosis(1, "1", "I10.x00x002", "I10.x00", "Essential hypertension", true),
                new Diagnosis(2, "1", "E11.900x001", "E11.900", "Type 2 diabetes without complications", false));
        LocalDateTime feeTime = VISIT_START.plusMinutes(20);
        List<FeeLine> fees = List.of(
                new FeeLine(visitNo + "-1", "YP0001", "XC08CAA148A001000000001", "Amlodipine besylate tablets 5mg x28",
                        "101", "01", "09", new BigDecimal("25.5"), new BigDecimal("2"), new BigDecimal("51.00"),
                        feeTime, "RX0001", null, null, null, null, "5mg", "qd", 28, "po"),
                new FeeLine(visitNo + "-2", "YP0003", "XJ01CRA089A001000000003",
                        "Amoxicillin and clavulanate tablets x12", "101", "02", "09", new BigDecimal("38.123456"),
                        new BigDecimal("1.5"), new BigDecimal("57.19"), feeTime, "RX0001", null, null, null, null,
                        "1 tab", "bid", 7, "po"),
                new FeeLine(visitNo + "-3", "ZL1001", "110200001000000", "General outpatient consultation", "201",
                        "01", "12", new BigDecimal("10.00"), BigDecimal.ONE, new BigDecimal("10.00"), feeTime, null,
                        "0301", "心内科", DOCTOR, "Dr. Demo Wang", null, null, null, null));
        return new Visit(institution, visitNo, null, "11", null, VISIT_START, "A03", "心血管内科门诊", DOCTOR,
                "Dr. Demo Wang", internet, person, diagnoses, fees, mode, "CB" + visitNo, "1", "INV" + visitNo, null,
                CASHIER);
    }

    private static CatalogItem item(String code, String name, String listType, String level, String selfpay,
                                    String ceiling, String chargeType) {
        return new CatalogItem(code, name, listType, level, new BigDecimal(selfpay), new BigDecimal(ceiling),
                chargeType, Set.of());
    }

    private static InsuredPerson person(String psnNo, String name, String certno, String gend, String brdy,
                                        String insutype, String insuplc, String balance, String token) {
        return new InsuredPerson(psnNo, name, certno, gend, LocalDate.parse(brdy), insutype, insuplc, "1",
                new BigDecimal(balance), null, Map.of(), null, null, token);
    }

    @SafeVarargs
    private static <K, V> Map<K, V> byKey(Function<V, K> key, V... values) {
        return Stream.of(values).collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }
}
