package io.insurebridge.inbound;

import io.insurebridge.store.MessageStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

/** insurebridge.hl7.orphan-after must be greater than insurebridge.hl7.reply-timeout, checked at start. */
class OrphanRedriveTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(c -> c.getBeanFactory().setConversionService(ApplicationConversionService.getSharedInstance()))
            .withBean(MessageStore.class, () -> mock(MessageStore.class))
            .withUserConfiguration(OrphanRedrive.class);

    @Test
    void orphanAgeAboveTheReplyTimeoutIsAccepted() {
        assertThatCode(() -> OrphanRedrive.check(Duration.ofMinutes(2), Duration.ofSeconds(30))).doesNotThrowAnyException();
        assertThatCode(() -> OrphanRedrive.check(Duration.ofMillis(30_001), Duration.ofSeconds(30)))
                .doesNotThrowAnyException();
    }

    @Test
    void orphanAgeNotAboveTheReplyTimeoutIsRefusedWithBothValuesAndTheFix() {
        assertThatThrownBy(() -> OrphanRedrive.check(Duration.ofSeconds(5), Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("insurebridge.hl7.orphan-after (5s) must be greater than "
                        + "insurebridge.hl7.reply-timeout (30s)")
                .hasMessageContaining("process it a second time")
                .hasMessageContaining("Raise insurebridge.hl7.orphan-after");
        // equal is not enough: a resend right at the reply timeout could still race the first front door
        assertThatThrownBy(() -> OrphanRedrive.check(Duration.ofSeconds(30), Duration.ofSeconds(30)))
                .hasMessageContaining("(30s) must be greater than insurebridge.hl7.reply-timeout (30s)");
        assertThatThrownBy(() -> OrphanRedrive.check(Duration.ofMinutes(2), Duration.ZERO))
                .hasMessageContaining("insurebridge.hl7.reply-timeout must be positive");
        assertThatThrownBy(() -> OrphanRedrive.check(null, Duration.ofSeconds(30)))
                .hasMessageContaining("must both be set");
    }

    @Test
    void theDefaultsStart() {
        context.run(c -> {
            assertThat(c).hasNotFailed();
            assertThat(c.getBean(OrphanRedrive.class).orphanAfter()).isEqualTo(Duration.ofMinutes(2));
        });
    }

    @Test
    void anOrphanAgeBelowTheReplyTimeoutFailsTheStart() {
        context.withPropertyValues("insurebridge.hl7.orphan-after=5s").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("insurebridge.hl7.orphan-after (5s) must be greater than "
                            + "insurebridge.hl7.reply-timeout (30s)");
        });
        context.withPropertyValues("insurebridge.hl7.orphan-after=5s", "insurebridge.hl7.reply-timeout=4s")
                .run(c -> assertThat(c).hasNotFailed());
        context.withPropertyValues("insurebridge.hl7.reply-timeout=3m")
                .run(c -> assertThat(c.getStartupFailure()).rootCause()
                        .hasMessageContaining("(2m) must be greater than insurebridge.hl7.reply-timeout (3m)"));
    }
}
