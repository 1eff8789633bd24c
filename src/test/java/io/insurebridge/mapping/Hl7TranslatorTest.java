package io.insurebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.insurebridge.model.Diagnosis;
import io.insurebridge.model.FeeLine;
import io.insurebridge.model.Prescription;
import io.insurebridge.model.PrescriptionLine;
import io.insurebridge.model.SettleMode;
import io.insurebridge.model.Visit;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Hl7TranslatorTest {
    private static final String HOSPITAL = "H33010000001";
    private static final MappingSnapshot DEMO = new MappingLoader(CodeFormats.defaults()).load(MappingTestFiles.DEMO);
    private final Hl7Translator translator = new Hl7Translator(() -> DEMO, CodeFormats.defaults());

    private TranslationResult translate(String resource) {
        return translator.translate(Hl7TestMessages.parse(resource), HOSPITAL, FieldConventions.defaults());
    }

    @Test
    void chargeMessageOfTheDemoHospitalBecomesAVisitWithNationalCodes() {
        TranslationResult result = translate("dft_p03_demo.hl7");

        assertThat(result.errors()).isEmpty();
        assertThat(result.unmapped()).isEmpty();
        assertThat(result.complete()).isTrue();
        assertThat(result.messageType()).isEqualTo("DFT^P03");
        assertThat(result.controlId()).isEqualTo("DFT0001");
        assertThat(result.mappingChecksum()).isEqualTo(DEMO.checksum());
        Visit visit = result.visit();
        assertThat(visit.institutionCode()).isEqualTo(HOSPITAL);
        assertThat(visit.visitNo()).isEqualTo("V20260115001");
        assertThat(visit.medType()).isEqualTo("11");
        assertThat(visit.insutype()).isEqualTo("310");
        assertThat(visit.settleMode()).isEqualTo(SettleMode.PRE_SETTLE);
        assertThat(visit.acctUsedFlag()).isEqualTo("1");
        assertThat(visit.chrgBchno()).isEqualTo("DFT0001");
        assertThat(visit.invoiceNo()).isEqualTo("INV0001");
        assertThat(visit.internet()).isFalse();
        assertThat(visit.begin()).isEqualTo(LocalDateTime.of(2026, 1, 15, 9, 0, 0));
        assertThat(visit.deptCode()).isEqualTo("0101");
        assertThat(visit.deptName()).isEqualTo("心内科门诊");
        assertThat(visit.doctorCode()).isEqualTo("D330100000001");
        assertThat(visit.doctorName()).isEqualTo("王医生");
        assertThat(visit.operator().id()).isEqualTo("OP001");
        assertThat(visit.operator().name()).isEqualTo("收费员李");

        assertThat(visit.person().mdtrtCertType()).isEqualTo("01");
        assertThat(visit.person().mdtrtCertNo()).isEqualTo("EV330100000001");
        assertThat(visit.person().certno()).isEqualTo("330102198001150117");
        assertThat(visit.person().name()).isEqualTo("张伟");
        assertThat(visit.person().psnNo()).isEqualTo("33010000000000000001");

        assertThat(visit.diagnoses()).extracting(Diagnosis::seq, Diagnosis::localCode, Diagnosis::code,
                Diagnosis::main).containsExactly(
                tuple(1, "E11.900x001", "E11.900", false),
                tuple(2, "I10.x00x002", "I10.x00", true));
        assertThat(visit.mainDiagnosis().code()).isEqualTo("I10.x00");
        assertThat(visit.mainDiagnosis().name()).isEqualTo("Essential hypertension");

        assertThat(visit.fees()).extracting(FeeLine::feedetlSn, FeeLine::localCode, FeeLine::nationalCode,
                FeeLine::listType, FeeLine::listLevel, FeeLine::chargeType).containsExactly(
                tuple("1", "YP0001", "XC08CAA148A001000000001", "101", "01", "09"),
                tuple("2", "ZL1001", "110200001000000", "201", "01", "12"),
                tuple("3", "JC3001", "210300001000000", "201", "02", "02"),
                tuple("4", "HC5001", "C0101010101000000001", "301", "02", "07"));
        FeeLine amlodipine = visit.fees().get(0);
        assertThat(amlodipine.name()).isEqualTo("氨氯地平片");
        assertThat(amlodipine.price()).isEqualByComparingTo("28.50");
        assertThat(amlodipine.quantity()).isEqualByComparingTo("2");
        assertThat(amlodipine.lineTotal()).isEqualByComparingTo("57.00");
        assertThat(amlodipine.rxNo()).isEqualTo("RX0001");
        assertThat(amlodipine.time()).isEqualTo(LocalDateTime.of(2026, 1, 15, 9, 35));
        FeeLine syringe = visit.fees().get(3);
        assertThat(syringe.price()).isEqualByComparingTo("1.50");
        assertThat(syringe.quantity()).isEqualByComparingTo("3");
        assertThat(syringe.deptCode()).as("falls back to the visit's department").isEqualTo("0101");
        BigDecimal total = visit.fees().stream().map(FeeLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(total).isEqualByComparingTo("291.50");
    }

    @Test
    void unmappedCodesAreKeptWithTheirRepetitionAndMissingQuantityIsAFieldError() {
        TranslationResult result = translate("dft_p03_unmapped.hl7");

        assertThat(result.complete()).isFalse();
        assertThat(result.unmapped()).containsExactly(
                new UnmappedCode(UnmappedCode.Kind.DIAGNOSIS, "X99.999x999", "DG1", 1, 3, "未对照诊断"),
                new UnmappedCode(UnmappedCode.Kind.ITEM, "YP9999", "FT1", 2, 7, "新进药品"));
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.segment()).isEqualTo("FT1");
            assertThat(e.repetition()).isEqualTo(3);
            assertThat(e.field()).isEqualTo(10);
            assertThat(e.hl7ErrorCode()).isEqualTo(FieldError.REQUIRED_FIELD_MISSING);
            assertThat(e.text()).contains("quantity is missing");
        });
        Visit visit = result.visit();
        assertThat(visit.settleMode()).isEqualTo(SettleMode.SETTLE);
        assertThat(visit.acctUsedFlag()).isEqualTo("0");
        // the unmapped line stays in the visit, with no national code, never silently dropped
        assertThat(visit.fees()).extracting(FeeLine::localCode, FeeLine::nationalCode).containsExactly(
                tuple("ZL1001", "110200001000000"), tuple("YP9999", null), tuple("JY2001", "250101001000000"));
        assertThat(visit.diagnoses()).singleElement().satisfies(d -> {
            assertThat(d.code()).isNull();
            assertThat(d.main()).isTrue();
        });
    }

    @Test
    void registrationOfAnInternetVisitHasNoFees() {
        TranslationResult result = translate("adt_a04_internet.hl7");

        assertThat(result.errors()).isEmpty();
        assertThat(result.messageType()).isEqualTo("ADT^A04");
        Visit visit = result.visit();
        assertThat(visit.fees()).isEmpty();
        assertThat(visit.settleMode()).isNull();
        assertThat(visit.internet()).isTrue();
        assertThat(visit.visitNo()).isEqualTo("V20260116009");
        assertThat(visit.begin()).as("admit time defaults to the event time")
                .isEqualTo(LocalDateTime.of(2026, 1, 16, 8, 0));
        assertThat(visit.person().mdtrtCertType()).isEqualTo("02");
        assertThat(visit.person().mdtrtCertNo()).isEqualTo("330102198001150117");
        assertThat(visit.mainDiagnosis().code()).as("an insurance-edition code passes as itself").isEqualTo("I10.x00");
        assertThat(visit.deptName()).isEqualTo("互联网复诊");
    }

    @Test
    void cancelledRegistrationA11IsAVisitWithoutFees() {
        String er7 = Hl7TestMessages.text("adt_a04_internet.hl7").replace("ADT^A04^ADT_A01", "ADT^A11^ADT_A09")
                .replace("EVN|A04|", "EVN|A11|").replace("ZIN||||||11||||||1", "ZIN||||||11||MDTRT330100000009");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.defaults());
        assertThat(result.errors()).isEmpty();
        assertThat(result.messageType()).isEqualTo("ADT^A11");
        assertThat(result.visit().fees()).isEmpty();
        assertThat(result.visit().mdtrtId()).isEqualTo("MDTRT330100000009");
        assertThat(result.visit().visitNo()).isEqualTo("V20260116009");
    }

    @Test
    void admitTimeDefaultsToMsh7WithoutEvn() {
        String er7 = Hl7TestMessages.text("adt_a04_internet.hl7").replace("EVN|A04|20260116080000\r", "")
                .replace("ADT^A04^ADT_A01", "ADT^A08^ADT_A01");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.defaults());
        assertThat(result.messageType()).isEqualTo("ADT^A08");
        assertThat(result.visit().begin()).isEqualTo(LocalDateTime.of(2026, 1, 16, 8, 0));
    }

    @Test
    void cancelNeedsSettlementAndVisitIds() {
        String er7 = Hl7TestMessages.text("dft_p03_demo.hl7")
                .replace("ZIN|01|EV330100000001||PRE|", "ZIN|01|EV330100000001||CANCEL|");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.defaults());
        assertThat(result.visit().settleMode()).isEqualTo(SettleMode.CANCEL);
        assertThat(result.errors()).extracting(FieldError::segment, FieldError::field, FieldError::hl7ErrorCode)
                .containsExactlyInAnyOrder(tuple("ZIN", 9, "101"), tuple("ZIN", 8, "101"));
    }

    @Test
    void invalidValuesAreFieldErrors() {
        String er7 = Hl7TestMessages.text("dft_p03_demo.hl7")
                .replace("ZIN|01|EV330100000001||PRE|1|11|", "ZIN|07|EV330100000001||LATER|2|99|")
                .replace("330102198001150117^^^^ID", "330102198001150118^^^^ID")
                .replace("|2|57.00|28.50|", "|two|57.00|28.50|");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.defaults());
        assertThat(result.errors()).extracting(FieldError::segment, FieldError::repetition, FieldError::field,
                FieldError::hl7ErrorCode).containsExactlyInAnyOrder(
                tuple("ZIN", 1, 1, "103"), tuple("ZIN", 1, 4, "103"), tuple("ZIN", 1, 5, "103"),
                tuple("ZIN", 1, 6, "103"), tuple("PID", 1, 3, "102"), tuple("FT1", 1, 10, "102"));
        assertThat(result.visit().medType()).isEqualTo("11");
    }

    @Test
    void unsupportedMessageTypeIsReported() {
        String er7 = Hl7TestMessages.text("adt_a04_internet.hl7").replace("ADT^A04^ADT_A01", "ORU^R01^ORU_R01");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.defaults());
        assertThat(result.visit()).isNull();
        assertThat(result.errors()).extracting(FieldError::hl7ErrorCode).containsExactly("200");
    }

    @Test
    void prescriptionFromRdeO11UsesRxeTq1AndRxr() {
        TranslationResult result = translate("rde_o11_demo.hl7");

        assertThat(result.errors()).isEmpty();
        assertThat(result.unmapped()).isEmpty();
        Prescription rx = result.prescription();
        assertThat(rx.hospRxNo()).isEqualTo("RX20260115001");
        assertThat(rx.prescribedAt()).isEqualTo(LocalDateTime.of(2026, 1, 15, 9, 48));
        assertThat(rx.validDays()).isEqualTo(5);
        assertThat(rx.pharmacyCode()).isEqualTo("P33010000001");
        assertThat(rx.doctorCode()).isEqualTo("D330100000001");
        assertThat(rx.doctorName()).isEqualTo("王医生");
        assertThat(rx.mdtrtId()).isEqualTo("MDTRT330100000001");
        assertThat(rx.visitNo()).isEqualTo("V20260115001");
        assertThat(rx.rxTypeCode()).isEqualTo("1");
        assertThat(rx.person().name()).isEqualTo("张伟");
        assertThat(rx.diagnoses()).extracting(Diagnosis::code).containsExactly("I10.x00");
        assertThat(rx.lines()).extracting(PrescriptionLine::seq, PrescriptionLine::localCode,
                PrescriptionLine::nationalCode, PrescriptionLine::unit, PrescriptionLine::dosage,
                PrescriptionLine::frequency, PrescriptionLine::days, PrescriptionLine::route).containsExactly(
                tuple(1, "YP0001", "XC08CAA148A001000000001", "盒", "5 mg", "QD", 28, "PO"),
                tuple(2, "YP0002", "XA10BAA007A001000000002", "盒", "0.5 g", "TID", 14, "PO"));
        assertThat(rx.lines().get(0).quantity()).isEqualByComparingTo("2");
    }

    @Test
    void prescriptionFromOmpO09UsesRxoAndRejectsANonDrug() {
        TranslationResult result = translate("omp_o09_demo.hl7");

        Prescription rx = result.prescription();
        assertThat(rx.hospRxNo()).isEqualTo("RX20260115002");
        assertThat(rx.validDays()).as("default validity").isEqualTo(3);
        assertThat(rx.pharmacyCode()).isEqualTo("P33010000002");
        assertThat(rx.lines()).extracting(PrescriptionLine::localCode, PrescriptionLine::nationalCode,
                PrescriptionLine::dosage, PrescriptionLine::frequency, PrescriptionLine::days).containsExactly(
                tuple("YP0004", "XN02BEA001A001000000004", "0.5 g", "TID", 5),
                tuple("ZL1001", null, "1", "QD", 5));
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.segment()).isEqualTo("RXO");
            assertThat(e.repetition()).isEqualTo(2);
            assertThat(e.field()).isEqualTo(1);
            assertThat(e.hl7ErrorCode()).isEqualTo("103");
            assertThat(e.text()).contains("not a drug");
        });
    }

    @Test
    void connectorConventionsOverrideWhereAFieldLives() {
        // this HIS sends the visit number in PV1-50 and the e-voucher in PID-2
        String er7 = Hl7TestMessages.text("adt_a04_internet.hl7")
                .replace("||V20260116009", "||")
                .replace("PV1|1|V|", "PV1|1|O|")
                .replace("PID|1||330102198001150117^^^^ID", "PID|1|EV330100000001|")
                .replace("ZIN||||||11||||||1", "ZIN||||||11");
        er7 = er7.replace("PV1|1|O|0109^^^^^^^^互联网复诊||||D330100000001^王医生",
                "PV1|1|O|0109^^^^^^^^互联网复诊||||D330100000001^王医生" + "|".repeat(43) + "ALT-V-77");
        FieldConventions conventions = FieldConventions.of(Map.of("visit.number", "PV1-50",
                "patient.evoucher", "PID-2", "visit.deptName", "/.PV1-3-1"));
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL, conventions);

        assertThat(result.errors()).isEmpty();
        assertThat(result.visit().visitNo()).isEqualTo("ALT-V-77");
        assertThat(result.visit().person().mdtrtCertType()).isEqualTo("01");
        assertThat(result.visit().person().mdtrtCertNo()).isEqualTo("EV330100000001");
        assertThat(result.visit().deptName()).isEqualTo("0109");
        assertThat(result.visit().internet()).isFalse();
    }

    @Test
    void lineFieldsCanLiveInAZSegmentAfterEachFt1() {
        String er7 = Hl7TestMessages.text("dft_p03_demo.hl7")
                .replace("|1|10.00|10.00\r", "|1|10.00|10.00\rZFT|1|RX-ZL\r")
                .replace("|3|4.50|1.50\r", "|3|4.50|1.50\rZFT|1|RX-HC\r");
        TranslationResult result = translator.translate(Hl7TestMessages.parseText(er7), HOSPITAL,
                FieldConventions.of(Map.of("fee.rxNo", "ZFT-2")));
        assertThat(result.errors()).isEmpty();
        assertThat(result.visit().fees()).extracting(FeeLine::localCode, FeeLine::rxNo).containsExactly(
                tuple("YP0001", null), tuple("ZL1001", "RX-ZL"), tuple("JC3001", null), tuple("HC5001", "RX-HC"));
    }

    @Test
    void unknownConventionKeyOrBadPathIsRejectedWithTheKey() {
        assertThatThrownBy(() -> FieldConventions.of(Map.of("visit.numbr", "PV1-19")))
                .hasMessageContaining("unknown HL7 field convention 'visit.numbr'");
        assertThatThrownBy(() -> FieldConventions.of(Map.of("visit.number", "PV1/19")))
                .hasMessageContaining("'visit.number'");
    }
}
