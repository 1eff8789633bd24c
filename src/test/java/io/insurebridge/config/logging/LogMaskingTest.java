package io.insurebridge.config.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogMaskingTest {

    @Test
    void residentIdsAreMasked() {
        assertThat(PersonalDataMasker.mask("person 330102198001150117 not found"))
                .isEqualTo("person 330**************7 not found");
        assertThat(PersonalDataMasker.mask("certno=51010519880808052X;")).isEqualTo("certno=510**************X;")
                .doesNotContain("19880808");
        // numbers that are not ID numbers stay: a msgid, a 20-digit psn_no, an amount
        assertThat(PersonalDataMasker.mask("msgid H33010000001202611301200000001 psn 33010000000000000001 118.19"))
                .isEqualTo("msgid H33010000001202611301200000001 psn 33010000000000000001 118.19");
    }

    @Test
    void evoucherTokensAndNamesAreMasked() {
        assertThat(PersonalDataMasker.mask("token EV330100000001 used")).isEqualTo("token EV33****** used");
        assertThat(PersonalDataMasker.mask("refused EV1.eyJwc24iOiIxIn0.MEUCIQ-_x9 at 1101"))
                .isEqualTo("refused EV1.****** at 1101");
        assertThat(PersonalDataMasker.mask("PID|1||330102198001150117^^^^ID||张伟^^^||19800115|M"))
                .isEqualTo("PID|1||330**************7^^^^ID||张****||19800115|M");
        assertThat(PersonalDataMasker.mask("{\"psn_name\":\"欧阳娜娜\",\"gend\":\"2\"}"))
                .isEqualTo("{\"psn_name\":\"欧***\",\"gend\":\"2\"}");
        assertThat(PersonalDataMasker.mask("refused name=赵磊")).isEqualTo("refused name=赵*");
        assertThat(PersonalDataMasker.mask("department 内科, 1 line")).isEqualTo("department 内科, 1 line");
    }

    @Test
    void theApplicationsLogbackConfigurationMasksEveryLine() throws Exception {
        LoggerContext context = new LoggerContext();
        // the pattern prints the correlation id from the MDC; a bare context has no MDC adapter of its own
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(getClass().getResource("/logback-spring.xml"));
        ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger("ROOT").getAppender("CONSOLE");
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) console.getEncoder();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.insurebridge.Test"), Level.INFO,
                "HL7 from {}: PID|1||{}^^^^ID||张伟||19800115 token {}", null,
                new Object[] {"demo-hospital", "330102198001150117", "EV330100000001"});
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        assertThat(line).contains("demo-hospital").contains("330**************7").contains("张*").contains("EV33******")
                .doesNotContain("330102198001150117").doesNotContain("张伟").doesNotContain("EV330100000001");
        context.stop();
    }
}
