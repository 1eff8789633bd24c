package io.insurebridge.crossregion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EligibilityDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void exactNumbersBeforeLongerPrefixesBeforeShorterOnes() throws Exception {
        write("""
                psn_cert_type,psn_cert_no,insuplc_admdvs
                01,330106199205150012,510100
                01,3301*,330100
                ,330106*,440300
                "06","H1234*",810000
                """, 1);
        EligibilityDirectory d = new EligibilityDirectory(dir.toString());
        assertThat(d.insuredPlace("01", "330106199205150012")).contains("510100");
        assertThat(d.insuredPlace("01", "330106198509090851")).contains("440300");   // longer prefix, any type
        assertThat(d.insuredPlace("01", "330102198001150117")).contains("330100");
        assertThat(d.insuredPlace("06", "H12345678")).contains("810000");
        assertThat(d.insuredPlace("01", "H12345678")).isEmpty();                     // typed row, other type
        assertThat(d.insuredPlace(null, "51010519880808052X")).isEmpty();
        assertThat(d.insuredPlace("01", null)).isEmpty();
    }

    @Test
    void noFileMeansNoDirectoryAndAChangedFileIsReadAgain() throws Exception {
        EligibilityDirectory d = new EligibilityDirectory(dir.toString());
        assertThat(d.insuredPlace("01", "330106199205150012")).isEmpty();
        write("psn_cert_type,psn_cert_no,insuplc_admdvs\n01,330106199205150012,510100\n", 1);
        assertThat(d.insuredPlace("01", "330106199205150012")).contains("510100");
        write("psn_cert_type,psn_cert_no,insuplc_admdvs\n01,330106199205150012,330100\n", 2);
        assertThat(d.insuredPlace("01", "330106199205150012")).contains("330100");
        // a bad version is refused: the last good one stays in force
        write("psn_cert_type,psn_cert_no,insuplc_admdvs\n01,330106199205150012,51010\n", 3);
        assertThat(d.insuredPlace("01", "330106199205150012")).contains("330100");
        Files.delete(dir.resolve(EligibilityDirectory.FILE));
        assertThat(d.insuredPlace("01", "330106199205150012")).isEmpty();
    }

    @Test
    void badRowsNameTheirLine() {
        assertThatThrownBy(() -> EligibilityDirectory.parse("psn_cert_type,psn_cert_no,insuplc_admdvs\n\n01,,510100\n"))
                .hasMessage("eligibility_directory.csv:3: psn_cert_no is empty");
        assertThatThrownBy(() -> EligibilityDirectory.parse("psn_cert_no,insuplc_admdvs\n"))
                .hasMessage("eligibility_directory.csv:1: missing column psn_cert_type");
    }

    private void write(String text, int version) throws Exception {
        Path f = dir.resolve(EligibilityDirectory.FILE);
        Files.writeString(f, text);
        // distinct times: a rewrite within the file system's time resolution is still seen as a change
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2026-11-30T00:00:00Z").plusSeconds(version)));
    }
}
