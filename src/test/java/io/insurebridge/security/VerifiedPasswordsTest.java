package io.insurebridge.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class VerifiedPasswordsTest {

    /** A real bcrypt encoder that counts its (costly) checks. */
    static final class CountingBcrypt implements PasswordEncoder {
        final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    final CountingBcrypt bcrypt = new CountingBcrypt();
    final AtomicLong now = new AtomicLong(1_000);
    final VerifiedPasswords passwords = new VerifiedPasswords(bcrypt, Duration.ofMinutes(5), now::get);
    final String stored = bcrypt.encode("s3cret");

    @Test
    void aVerifiedPasswordIsNotCheckedAgainWithinTheTtl() {
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(bcrypt.checks).hasValue(1);

        now.addAndGet(Duration.ofMinutes(5).toNanos());
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(bcrypt.checks).hasValue(2);
    }

    @Test
    void wrongPasswordsAreAlwaysCheckedAndNeverRemembered() {
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        assertThat(passwords.matches("guess", stored)).isFalse();
        assertThat(passwords.matches("guess", stored)).isFalse();
        assertThat(bcrypt.checks).hasValue(3);
    }

    @Test
    void aChangedStoredPasswordIsCheckedAgain() {
        assertThat(passwords.matches("s3cret", stored)).isTrue();
        String rotated = bcrypt.encode("n3w");
        assertThat(passwords.matches("s3cret", rotated)).isFalse();
        assertThat(passwords.matches("n3w", rotated)).isTrue();
        assertThat(bcrypt.checks).hasValue(3);
    }

    @Test
    void ttlZeroChecksEveryTime() {
        VerifiedPasswords off = new VerifiedPasswords(bcrypt, Duration.ZERO, now::get);
        off.matches("s3cret", stored);
        off.matches("s3cret", stored);
        assertThat(bcrypt.checks).hasValue(2);
    }
}
