package io.insurebridge.mapping;

import static io.insurebridge.mapping.MappingTestFiles.copyDemoTo;
import static io.insurebridge.mapping.MappingTestFiles.line;
import static io.insurebridge.mapping.MappingTestFiles.replaceLine;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The mapping beans in a minimal Spring context: property binding and start-up failure on a bad file. */
class MappingWiringTest {
    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(MappingConfiguration.class, MappingRepository.class, Hl7Translator.class)
                .withPropertyValues("insurebridge.mappings-dir=" + dir);
    }

    @Test
    void startsWithTheDemoMappingsAndBindsTheFormatAndReloadKeys() {
        copyDemoTo(dir);
        runner().withPropertyValues("insurebridge.mapping.reload-interval=250ms",
                        "insurebridge.mapping.formats.consumable-length=20",
                        "insurebridge.mapping.formats.service-item=[0-9]{15}")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(MappingSource.class).current().catalog()).hasSize(14);
                    assertThat(context.getBean(MappingProperties.class).getReloadInterval())
                            .isEqualTo(Duration.ofMillis(250));
                    CodeFormats formats = context.getBean(CodeFormats.class);
                    assertThat(formats.valid(CodeKind.SERVICE_ITEM, "001102000000100-A1")).isFalse();
                    assertThat(context).hasSingleBean(Hl7Translator.class);
                });
    }

    @Test
    void tightenedFormatRejectsTheDemoCatalogAtStartUp() {
        copyDemoTo(dir);
        runner().withPropertyValues("insurebridge.mapping.formats.consumable-length=27").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MappingLoadException.class)
                    .hasMessageStartingWith("catalog.csv:15: med_list_codg 'C0101010101000000001'");
        });
    }

    @Test
    void badFileFailsTheStartUpWithFileAndLine() {
        copyDemoTo(dir);
        Path budgets = dir.resolve("budgets.csv");
        replaceLine(budgets, 3, line(budgets, 3).replace("8000000.00", "eight million"));
        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessage("budgets.csv:3: total_budget 'eight million' is not a decimal number");
        });
    }
}
