package io.insurebridge.security;

import org.springframework.security.crypto.password.PasswordEncoder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers recently verified passwords for a short time. HTTP Basic sends the password with every request, and
 * a bcrypt check costs tens of milliseconds of CPU by design: the bench found it was half of the FHIR front door's
 * CPU (docs/performance.md). A verified (password, stored hash) pair is kept as an HMAC under a key made at start
 * (never the password, useless outside this process) until the TTL runs out; a changed stored hash, a wrong
 * password or an expired entry goes to the real encoder again. TTL zero turns the cache off.
 */
public final class VerifiedPasswords implements PasswordEncoder {
    static final int MAX_ENTRIES = 10_000;

    private final PasswordEncoder delegate;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final SecretKeySpec key;
    private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();

    public VerifiedPasswords(PasswordEncoder delegate, Duration ttl) {
        this(delegate, ttl, System::nanoTime);
    }

    VerifiedPasswords(PasswordEncoder delegate, Duration ttl, LongSupplier clock) {
        this.delegate = delegate;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (ttlNanos <= 0 || rawPassword == null || encodedPassword == null) {
            return delegate.matches(rawPassword, encodedPassword);
        }
        String pair = fingerprint(rawPassword, encodedPassword);
        long now = clock.getAsLong();
        Long until = verifiedUntil.get(pair);
        if (until != null && now - until < 0) {
            return true;
        }
        boolean ok = delegate.matches(rawPassword, encodedPassword);
        if (ok) {
            if (verifiedUntil.size() >= MAX_ENTRIES) {
                verifiedUntil.clear();   // bounded: a flood of distinct passwords only costs the re-checks
            }
            verifiedUntil.put(pair, now + ttlNanos);
        } else {
            verifiedUntil.remove(pair);
        }
        return ok;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence raw, String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encoded.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(raw.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
