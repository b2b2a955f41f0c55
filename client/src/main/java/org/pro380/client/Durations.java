package org.pro380.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them, the one parser of every command and config file: 500ms, 1s, 1.5s, 2m, 1h. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {}

    /** A duration of 0 or more; IllegalArgumentException with a one-line reason otherwise. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 1s, 2m or 1h, got '" + text + "'");
        }
        double millis = Double.parseDouble(m.group(1))
                * switch (m.group(2)) {
                    case "ms" -> 1;
                    case "s" -> 1000;
                    case "m" -> 60_000;
                    default -> 3_600_000;
                };
        return Duration.ofNanos((long) (millis * 1_000_000));
    }

    /** A duration above 0; IllegalArgumentException otherwise. */
    public static Duration positive(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new IllegalArgumentException("expected a duration above 0, got '" + text + "'");
        }
        return d;
    }
}
