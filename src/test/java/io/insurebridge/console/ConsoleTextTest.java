package io.insurebridge.console;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.insurebridge.config.logging.MaskedJsonLogFormatter;
import io.insurebridge.console.web.ConsoleMasking;
import io.insurebridge.console.web.GapCsv;
import io.insurebridge.console.web.Svg;
import io.insurebridge.mapping.GapResolution.GapView;
import io.insurebridge.mapping.UnmappedCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's text pieces without a context: masking, the gap sheet, the SVG charts, the JSON log line. */
class ConsoleTextTest {

    @Test
    void namesFoundInTheMessageAreMaskedEverywhereTheyStand() {
        String raw = "MSH|^~\\&|HIS|H1\rPID|1||330102198001150117^^^^ID||张伟||19800115|M\r";
        String ack = "MSA|AA|C1\rZIV|33010000000000000001|张伟|310|330100|1000.00|";
        String json = "{\"psn_name\":\"李娜\",\"certno\":\"330102199211030222\"}";
        var names = ConsoleMasking.namesIn(raw, json);
        assertThat(names).containsExactlyInAnyOrder("张伟", "李娜");
        assertThat(ConsoleMasking.mask(ack, names)).isEqualTo("MSA|AA|C1\rZIV|33010000000000000001|张*|310|330100|1000.00|");
        assertThat(ConsoleMasking.mask(raw, names)).contains("330**************7").contains("||张*||")
                .doesNotContain("张伟").doesNotContain("330102198001150117");
        assertThat(ConsoleMasking.mask(json, names)).isEqualTo("{\"psn_name\":\"李*\",\"certno\":\"330**************2\"}");
        assertThat(ConsoleMasking.maybeName("欧阳明日")).isEqualTo("欧***");
        assertThat(ConsoleMasking.maybeName("D330100000001")).isEqualTo("D330100000001");
    }

    @Test
    void gapSheetIsWrittenReadyToFillAndReadBack() {
        Instant t = Instant.parse("2026-11-30T10:00:00Z");
        String csv = GapCsv.write(List.of(
                new GapView(1, "H33010000001", UnmappedCode.Kind.ITEM, "XX9999", 3, t, t, List.of(7L, 8L), false, null),
                new GapView(2, "H33010000001", UnmappedCode.Kind.DIAGNOSIS, "Z99.x01", 1, t, t, List.of(9L), false, null)));
        assertThat(csv).startsWith("\uFEFF" + GapCsv.HEADER + "\n")
                .contains("ITEM,H33010000001,XX9999,3,2026-11-30T10:00:00Z,2026-11-30T10:00:00Z,2,,\n");

        String filled = csv.replace("XX9999,3,2026-11-30T10:00:00Z,2026-11-30T10:00:00Z,2,,",
                "XX9999,3,2026-11-30T10:00:00Z,2026-11-30T10:00:00Z,2,250101001000000,");
        List<String> errors = new ArrayList<>();
        List<GapCsv.Filled> rows = GapCsv.read(filled, errors);
        assertThat(errors).isEmpty();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.item()).isTrue();
            assertThat(r.institution()).isEqualTo("H33010000001");
            assertThat(r.localCode()).isEqualTo("XX9999");
            assertThat(r.nationalCode()).isEqualTo("250101001000000");
            assertThat(r.line()).isEqualTo(2);
        });
        List<String> bad = new ArrayList<>();
        assertThat(GapCsv.read("code,national\nA,B\n", bad)).isEmpty();
        assertThat(bad).singleElement().asString().startsWith("line 1: expected the header");
    }

    @Test
    void chartsAreInlineSvgScaledToTheLargestValue() {
        String spark = Svg.sparkline(List.of(0L, 5L, 10L), 100, 21);
        assertThat(spark).startsWith("<svg").contains("points=\"0.0,20.0 50.0,10.5 100.0,1.0\"").contains("max 10");
        String bars = Svg.bars(List.of(new Svg.Bar("H1 <x>", 50), new Svg.Bar("H2", 100)), 460);
        assertThat(bars).contains("H1 &lt;x&gt;").contains("width=\"100.0\"").contains("width=\"200.0\"")
                .contains(">100<").contains(">50<");
    }

    @Test
    void jsonLogLineIsMaskedAndCarriesTheCorrelationIds() throws Exception {
        Logger logger = new LoggerContext().getLogger("io.insurebridge.inbound.hl7.Hl7Intake");
        LoggingEvent event = new LoggingEvent("x", logger, Level.INFO, "PID|1||{}^^^^ID||张伟||", null,
                new Object[] {"330102198001150117"});
        event.setMDCPropertyMap(Map.of("messageId", "42", "controlId", "C-1"));
        String line = new MaskedJsonLogFormatter().format(event);
        assertThat(line).endsWith("\n").doesNotContain("张伟").doesNotContain("330102198001150117");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("messageId").asText()).isEqualTo("42");
        assertThat(json.get("controlId").asText()).isEqualTo("C-1");
        assertThat(json.get("log.level").asText()).isEqualTo("INFO");
        assertThat(json.get("message").asText()).isEqualTo("PID|1||330**************7^^^^ID||张*||");
    }
}
