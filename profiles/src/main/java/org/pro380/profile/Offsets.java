package org.pro380.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Where a point sits in the period, as CSV and JSON profiles write it: seconds, or a time of day. */
final class Offsets {

    private Offsets() {}

    /** {@code 3600}, {@code 5400.5} or {@code 06:30} / {@code 06:30:15}; IllegalArgumentException says what was expected. */
    static Duration parse(String text) {
        String t = text.trim();
        try {
            if (t.contains(":")) {
                return Duration.ofNanos(LocalTime.parse(t).toNanoOfDay());
            }
            BigDecimal seconds = new BigDecimal(t);
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("offset must be 0 or more seconds, got '" + text + "'");
            }
            return Duration.ofMillis(seconds.movePointRight(3).longValueExact());
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "offset must be seconds (3600) or a time of day (06:30), got '" + text + "'");
        }
    }

    /** Refuses a point that does not come after the one before it, or lies outside the period. */
    static void check(Duration at, List<ProfilePoint> before, Duration period) {
        if (at.compareTo(period) >= 0) {
            throw new IllegalArgumentException(
                    "offset " + seconds(at) + " s is outside the period of " + seconds(period) + " s");
        }
        if (!before.isEmpty() && at.compareTo(before.get(before.size() - 1).offset()) <= 0) {
            throw new IllegalArgumentException("offset " + seconds(at) + " s does not come after the point before it ("
                    + seconds(before.get(before.size() - 1).offset()) + " s)");
        }
    }

    private static String seconds(Duration d) {
        return BigDecimal.valueOf(d.toMillis())
                .movePointLeft(3)
                .stripTrailingZeros()
                .toPlainString();
    }
}
