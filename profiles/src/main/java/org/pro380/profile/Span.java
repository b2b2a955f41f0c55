package org.pro380.profile;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Spans of meter time as people type them: 30s, 15m, 24h, 7d, or plain seconds. */
public final class Span {

    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d)?");

    private Span() {}

    /** The span in {@code text}; IllegalArgumentException says what was expected. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a span like 30s, 15m, 24h or 7d, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration span = switch (unit) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (span.isZero()) {
            throw new IllegalArgumentException("expected a span above 0, got '" + text + "'");
        }
        return span;
    }

    /** "15m", "24h", "7d", "90s": the shortest way {@link #parse} reads back. */
    public static String text(Duration span) {
        long s = span.toSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        return s % 60 == 0 ? s / 60 + "m" : s + "s";
    }
}
