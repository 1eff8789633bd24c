package io.insurebridge.mapping;

import static io.insurebridge.mapping.MappingTestFiles.append;
import static io.insurebridge.mapping.MappingTestFiles.copyDemoTo;
import static io.insurebridge.mapping.MappingTestFiles.line;
import static io.insurebridge.mapping.MappingTestFiles.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingRepositoryTest {
    private final MappingLoader loader = new MappingLoader(CodeFormats.defaults());
    private MappingRepository repository;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        if (repository != null) {
            repository.close();
        }
    }

    private MappingRepository polling() {
        repository = new MappingRepository(loader, dir, Duration.ofMillis(100), true, Clock.systemUTC());
        repository.start();
        return repository;
    }

    @Test
    void hotReloadPicksUpAnAddedCrosswalkRow() {
        copyDemoTo(dir);
        polling();
        AtomicInteger notified = new AtomicInteger();
        repository.onReload(s -> notified.incrementAndGet());
        String before = repository.current().checksum();
        assertThat(repository.current().resolveItem("H33010000001", "YP0099")).isEmpty();

        append(dir.resolve("crosswalk.csv"), "H33010000001,YP0099,XN02BEA001A001000000004,101");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(repository.current().resolveItem("H33010000001", "YP0099"))
                        .hasValueSatisfying(item -> assertThat(item.code()).isEqualTo("XN02BEA001A001000000004")));
        assertThat(repository.current().checksum()).isNotEqualTo(before);
        assertThat(repository.status().counts()).containsEntry("crosswalk", 18);
        assertThat(notified).hasValue(1);
    }

    @Test
    void brokenFileKeepsTheOldSnapshotServingAndRecordsTheError() {
        copyDemoTo(dir);
        polling();
        MappingSnapshot old = repository.current();
        Path catalog = dir.resolve("catalog.csv");
        replaceLine(catalog, 5, line(catalog, 5).replace(",01,0,8.00,", ",04,0,8.00,"));

        await().atMost(Duration.ofSeconds(10)).until(() -> repository.status().lastError() != null);
        MappingStatus status = repository.status();
        assertThat(status.lastError().file()).isEqualTo("catalog.csv");
        assertThat(status.lastError().line()).isEqualTo(5);
        assertThat(status.lastError().message()).startsWith("catalog.csv:5: chrgitm_lv '04' is not one of");
        assertThat(repository.current()).isSameAs(old);
        assertThat(status.checksum()).isEqualTo(old.checksum());
        assertThat(repository.current().resolveItem("H33010000001", "YP0004")).isPresent();

        // fixing the file clears the error and serves the (identical) content again
        replaceLine(catalog, 5, line(catalog, 5).replace(",04,0,8.00,", ",01,0,8.00,"));
        await().atMost(Duration.ofSeconds(10)).until(() -> repository.status().lastError() == null);
        assertThat(repository.current().checksum()).isEqualTo(old.checksum());
    }

    @Test
    void sameSizeEditWithinTheTimestampGranularityIsStillPickedUp() throws Exception {
        copyDemoTo(dir);
        Path catalog = dir.resolve("catalog.csv");
        // a coarse file system: the edit below keeps size and modification time
        FileTime coarse = FileTime.from(Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
        Files.setLastModifiedTime(catalog, coarse);
        polling();
        assertThat(repository.current().catalogItem("XN02BEA001A001000000004").orElseThrow().priceCeiling())
                .isEqualByComparingTo("8.00");

        replaceLine(catalog, 5, line(catalog, 5).replace(",01,0,8.00,", ",01,0,9.00,"));
        Files.setLastModifiedTime(catalog, coarse);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                repository.current().catalogItem("XN02BEA001A001000000004").orElseThrow().priceCeiling())
                .isEqualByComparingTo("9.00"));
    }

    @Test
    void forcedReloadReportsTheResult() {
        copyDemoTo(dir);
        repository = new MappingRepository(loader, dir, Duration.ofSeconds(2), false, Clock.systemUTC());
        ReloadResult unchanged = repository.reload();
        assertThat(unchanged.success()).isTrue();
        assertThat(unchanged.changed()).isFalse();

        append(dir.resolve("diagnoses.csv"), "J20.900,Acute bronchitis");
        ReloadResult changed = repository.reload();
        assertThat(changed.changed()).isTrue();
        assertThat(changed.inForce().counts()).containsEntry("diagnoses", 6);

        append(dir.resolve("diagnoses.csv"), "J20.900,Acute bronchitis again");
        ReloadResult failed = repository.reload();
        assertThat(failed.success()).isFalse();
        assertThat(failed.error().message()).isEqualTo("diagnoses.csv:8: duplicate diagnosis J20.900");
        assertThat(failed.inForce().counts()).containsEntry("diagnoses", 6);
        assertThat(repository.status().lastAttemptAt()).isNotNull();
    }

    @Test
    void badFileAtStartUpFailsWithFileAndLine() {
        copyDemoTo(dir);
        Path catalog = dir.resolve("catalog.csv");
        replaceLine(catalog, 5, line(catalog, 5).replace("XN02BEA001A001000000004", "XN02"));
        assertThatThrownBy(() -> new MappingRepository(loader, dir, Duration.ofSeconds(2), true, Clock.systemUTC()))
                .isInstanceOf(MappingLoadException.class).hasMessageStartingWith("catalog.csv:5: ");
    }
}
