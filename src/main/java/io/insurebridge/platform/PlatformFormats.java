package io.insurebridge.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Wire formats of the platform (docs/national-platform.md): amounts 16,2, unit prices 16,6, quantities 16,4, dates
 * yyyy-MM-dd, times yyyy-MM-dd HH:mm:ss. Numbers go out as JSON numbers (the digest gives them as numeric
 * precision/scale, not as text) with a plain, fixed scale, rounded HALF_UP.
 */
public final class PlatformFormats {

    public static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PlatformFormats() {}

    /** Money: always exactly 2 decimals. */
    public static BigDecimal amount(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    /** Unit price: up to 6 decimals, at least 2 (so 12 reads 12.00 and 0.123456 stays). */
    public static BigDecimal price(BigDecimal value) {
        return atMost(value, 6, 2);
    }

    /** Quantity: up to 4 decimals, none when whole (2, 0.5, 1.25). */
    public static BigDecimal quantity(BigDecimal value) {
        return atMost(value, 4, 0);
    }

    public static String dateTime(LocalDateTime value) { return value == null ? "" : DATE_TIME.format(value); }
    public static String date(LocalDate value) { return value == null ? "" : DATE.format(value); }

    private static BigDecimal atMost(BigDecimal value, int maxScale, int minScale) {
        if (value == null) {
            return null;
        }
        BigDecimal rounded = value.setScale(maxScale, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < minScale ? rounded.setScale(minScale, RoundingMode.UNNECESSARY) : rounded;
    }
}
