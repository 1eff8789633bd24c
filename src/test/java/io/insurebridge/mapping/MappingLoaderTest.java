package io.insurebridge.mapping;

import static io.insurebridge.mapping.MappingTestFiles.append;
import static io.insurebridge.mapping.MappingTestFiles.copyDemoTo;
import static io.insurebridge.mapping.MappingTestFiles.line;
import static io.insurebridge.mapping.MappingTestFiles.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingLoaderTest {
    private final MappingLoader loader = new MappingLoader(CodeFormats.defaults());

    @TempDir
    Path dir;

    @Test
    void demoMappingsLoadWithTheExpectedCounts() {
        LoadedMappings loaded = loader.loadWithFiles(MappingTestFiles.DEMO);
        MappingSnapshot s = loaded.snapshot();
        assertThat(s.catalog()).hasSize(14);
        assertThat(s.crosswalk().get("H33010000001")).hasSize(14);
        assertThat(s.crosswalk().get("H33010000002")).hasSize(3);
        assertThat(s.diagnoses()).hasSize(5);
        assertThat(s.diagnosisCrosswalk()).hasSize(5);
        assertThat(s.institutions()).hasSize(4);
        assertThat(s.pharmacies()).hasSize(3);
        assertThat(s.doctors()).hasSize(4);
        assertThat(s.chronicDiseases()).hasSize(2);
        assertThat(s.areas()).hasSize(2);
        assertThat(s.persons()).hasSize(9);
        assertThat(s.budgets()).hasSize(4);
        assertThat(s.policies()).containsOnlyKeys("330100", "510100");
        assertThat(s.checksum()).hasSize(64);
        assertThat(loaded.files()).extracting(MappingFile::name).containsExactlyElementsOf(MappingLoader.FILES);
        assertThat(loaded.files()).filteredOn(f -> f.name().equals("catalog.csv"))
                .singleElement().extracting(MappingFile::rows).isEqualTo(14);
    }

    @Test
    void demoRowsAreReadWithTheirValues() {
        MappingSnapshot s = loader.load(MappingTestFiles.DEMO);
        CatalogItem ct = s.resolveItem("H33010000001", "JC3001").orElseThrow();
        assertThat(ct.code()).isEqualTo("210300001000000");
        assertThat(ct.name()).isEqualTo("CT scan, one site");
        assertThat(ct.listLevel()).isEqualTo("02");
        assertThat(ct.selfpayProp()).isEqualByComparingTo("0.10");
        assertThat(ct.priceCeiling()).isEqualByComparingTo("200.00");
        assertThat(s.catalogItem("990100000000001").orElseThrow().isDeliveryFee()).isTrue();
        assertThat(s.catalogItem("110200005000000").orElseThrow().isInternetConsultation()).isTrue();
        assertThat(s.resolveDiagnosis("I10.x00x002").orElseThrow().code()).isEqualTo("I10.x00");
        assertThat(s.person("33010000000000000003").orElseThrow().chronicQualifications())
                .containsEntry("M03900", "I10");
        assertThat(s.person("33010000000000000001").orElseThrow().name()).isEqualTo("张伟");
        AreaPolicy east = s.policy("330100").orElseThrow();
        assertThat(east.byInsutype().get("310").outpatient().ratioByLevel().get("3")).isEqualTo(new BigDecimal("0.70"));
        assertThat(east.byInsutype().get("390").criticalIllness().threshold()).isEqualByComparingTo("2000");
        assertThat(east.assistance().identity()).isEqualTo("LOW_INCOME");
        assertThat(east.followUpDays()).isEqualTo(180);
    }

    @Test
    void checksumIsStableAndChangesWithContent() {
        copyDemoTo(dir);
        String first = loader.load(dir).checksum();
        assertThat(loader.load(dir).checksum()).isEqualTo(first);
        append(dir.resolve("diagnoses.csv"), "J20.900,Acute bronchitis");
        assertThat(loader.load(dir).checksum()).isNotEqualTo(first);
    }

    @Test
    void badCatalogCodeStopsTheLoadWithFileAndLine() {
        copyDemoTo(dir);
        // line 5 = XN02BEA001A001000000004 (header is line 1); 22 characters instead of 23
        replaceLine(dir.resolve("catalog.csv"), 5, line(dir.resolve("catalog.csv"), 5)
                .replace("XN02BEA001A001000000004", "XN02BEA001A00100000004"));
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(MappingLoadException.class)
                .hasMessageStartingWith("catalog.csv:5: med_list_codg 'XN02BEA001A00100000004' is not a valid drug");
    }

    @Test
    void unquotedCommaIsReportedAsAFieldCountError() {
        copyDemoTo(dir);
        replaceLine(dir.resolve("catalog.csv"), 12, "210300001000000,CT scan, one site,201,02,0.10,200.00,02,");
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessage("catalog.csv:12: expected 8 fields, found 9 (quote fields that contain commas)");
    }

    @Test
    void crosswalkTargetMustBeInTheCatalog() {
        copyDemoTo(dir);
        append(dir.resolve("crosswalk.csv"), "H33010000001,YP0099,XC08CAA148A001000000099,101");
        assertThatThrownBy(() -> loader.load(dir)).hasMessage(
                "crosswalk.csv:19: target XC08CAA148A001000000099 of local code YP0099 is not in catalog.csv");
    }

    @Test
    void duplicateCrosswalkKeyIsDetected() {
        copyDemoTo(dir);
        append(dir.resolve("crosswalk.csv"), "H33010000001,YP0001,XA10BAA007A001000000002,101");
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessage("crosswalk.csv:19: duplicate local code of H33010000001 YP0001");
    }

    @Test
    void duplicateCatalogCodeIsDetected() {
        copyDemoTo(dir);
        append(dir.resolve("catalog.csv"), "110200001000000,Consultation again,201,01,0,10.00,12,");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageStartingWith("catalog.csv:16: duplicate catalog code");
    }

    @Test
    void diagnosisCrosswalkTargetMustExist() {
        copyDemoTo(dir);
        append(dir.resolve("diagnosis_crosswalk.csv"), "J45.900x001,J45.900");
        assertThatThrownBy(() -> loader.load(dir)).hasMessage(
                "diagnosis_crosswalk.csv:7: target J45.900 of clinical code J45.900x001 is not in diagnoses.csv");
    }

    @Test
    void doctorsInstitutionMustExist() {
        copyDemoTo(dir);
        append(dir.resolve("doctors.csv"), "D330100000009,Dr. Nobody,H33010000099,5");
        assertThatThrownBy(() -> loader.load(dir)).hasMessage(
                "doctors.csv:6: institution H33010000099 of doctor D330100000009 is not in institutions.csv");
    }

    @Test
    void residentIdWithWrongCheckDigitIsRejected() {
        copyDemoTo(dir);
        Path persons = dir.resolve("persons.csv");
        replaceLine(persons, 2, line(persons, 2).replace("330102198001150117", "330102198001150118"));
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessageStartingWith("persons.csv:2: certno '330102198001150118' is not a valid resident id");
    }

    @Test
    void invalidDiagnosisAndInstitutionCodesAreRejected() {
        copyDemoTo(dir);
        append(dir.resolve("diagnoses.csv"), "I10,Hypertension without dot");
        assertThatThrownBy(() -> loader.load(dir)).hasMessageStartingWith("diagnoses.csv:7: diag_code 'I10'");
    }

    @Test
    void missingRequiredFileAndMissingColumnAreReported() throws Exception {
        copyDemoTo(dir);
        Files.writeString(dir.resolve("areas.csv"), "admdvs,name\n330100,Demo East City\n");
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessageStartingWith("areas.csv:1: missing column 'province_admdvs'");
        Files.delete(dir.resolve("areas.csv"));
        assertThatThrownBy(() -> loader.load(dir)).hasMessageStartingWith("areas.csv:0: required file is missing");
    }

    @Test
    void nonUtf8FileIsRejectedWithItsLine() throws Exception {
        copyDemoTo(dir);
        byte[] gbk = "\u9ad8\u8840\u538b".getBytes("GBK");
        Files.write(dir.resolve("chronic_diseases.csv"), concat(
                "code,name,diag_prefix\nM03900,".getBytes(), gbk, ",I10\n".getBytes()));
        assertThatThrownBy(() -> loader.load(dir))
                .hasMessage("chronic_diseases.csv:2: not valid UTF-8 (save the file as UTF-8)");
    }

    @Test
    void catalogFlagsMaySayTheSameThingTwice() {
        copyDemoTo(dir);
        Path catalog = dir.resolve("catalog.csv");
        replaceLine(catalog, 14, line(catalog, 14).replace(",delivery", ",delivery|delivery"));
        assertThat(loader.load(dir).catalogItem("990100000000001").orElseThrow().flags()).containsExactly("delivery");
    }

    @Test
    void badPolicyValueNamesTheYamlLine() throws Exception {
        copyDemoTo(dir);
        Path policy = dir.resolve("policy.yaml");
        String text = Files.readString(policy).replace("ratio: 0.60}", "ratio: 1.60}");
        Files.writeString(policy, text);
        assertThatThrownBy(() -> loader.load(dir)).hasMessage("policy.yaml:10: ratio 1.60 is outside [0, 1]");
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
