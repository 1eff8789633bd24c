package io.insurebridge.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodeFormatsTest {
    private final CodeFormats formats = CodeFormats.defaults();

    @ParameterizedTest(name = "{0} {1} valid={2}")
    @CsvSource({
            "INSTITUTION, H50015501017, true",
            "INSTITUTION, H5001550101, false",
            "INSTITUTION, X50015501017, false",
            "INSTITUTION, H5001550101A, false",
            "PHARMACY, P11010500003, true",
            "PHARMACY, P1101050000, false",
            "PHARMACY, H11010500003, false",
            "DOCTOR, D110105000123, true",
            "DOCTOR, D11010500012, false",
            "DOCTOR, D11010500012X, false",
            "DRUG, XJ01CAA040A001010102699, true",
            "DRUG, ZA04AAB001B001000000005, true",
            "DRUG, XJ01CAA040A00101010269, false",
            "DRUG, xJ01CAA040A001010102699, false",
            "DRUG, YJ01CAA040A001010102699, false",
            "DRUG, XJ01CAA040A00101010269a, false",
            "CONSUMABLE, C0101010101000000001, true",
            "CONSUMABLE, C010101010100000001, false",
            "CONSUMABLE, C01010101010000000011, false",
            "CONSUMABLE, D0101010101000000001, false",
            "SERVICE_ITEM, 001102000000100, true",
            "SERVICE_ITEM, 001102000000100-A12, true",
            "SERVICE_ITEM, 00110200000010, false",
            "SERVICE_ITEM, 001102000000100-, false",
            "DIAGNOSIS, K92.210, true",
            "DIAGNOSIS, I10.x00, true",
            "DIAGNOSIS, I10.x00x002, true",
            "DIAGNOSIS, K74.617+I98.3*, true",
            "DIAGNOSIS, K74.617+I98.3, false",
            "DIAGNOSIS, I10, false",
            "DIAGNOSIS, i10.x00, false",
            "DIAGNOSIS, I1.x00, false",
            "OPERATION, 36.0600, true",
            "OPERATION, 36.06, true",
            "OPERATION, 36.0, false",
            "OPERATION, 360600, false",
            "CHRONIC_DISEASE, M03900, true",
            "CHRONIC_DISEASE, M0390, false",
            "CHRONIC_DISEASE, N03900, false",
            "DIVISION, 110105, true",
            "DIVISION, 11010, false",
            "DIVISION, 11010A, false",
            "RESIDENT_ID, 330102198001150117, true",
            "RESIDENT_ID, 330102198001150118, false",
            "RESIDENT_ID, 33010219800115011X, false",
            "RESIDENT_ID, 51010519880808052X, true",
            "RESIDENT_ID, 510105198808080521, false",
            "RESIDENT_ID, 51010519880808052x, false",
            "RESIDENT_ID, 33010219800115011, false",
    })
    void validatesEachCodeType(CodeKind kind, String code, boolean valid) {
        assertThat(formats.valid(kind, code)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void patternsAndConsumableLengthAreConfigurable() {
        CodeFormats province = new CodeFormats();
        province.setConsumableLength(27);
        province.setServiceItem("[0-9]{15}");
        assertThat(province.valid(CodeKind.CONSUMABLE, "C01010101010000000011234567")).isTrue();
        assertThat(province.valid(CodeKind.CONSUMABLE, "C0101010101000000001")).isFalse();
        assertThat(province.valid(CodeKind.SERVICE_ITEM, "001102000000100-A12")).isFalse();
        assertThat(province.valid(CodeKind.SERVICE_ITEM, "001102000000100")).isTrue();
    }

    @org.junit.jupiter.api.Test
    void residentIdCheckDigitOfEveryDemoPerson() {
        for (String id : new String[] {"330102198001150117", "330102199211030222", "330103195506200346",
                "510104197512300414", "51010519880808052X", "330104197003010634", "330105196005120740",
                "330106198509090851", "33010219660214096X"}) {
            assertThat(ResidentIdCheck.valid(id)).as(id).isTrue();
        }
    }
}
