package org.pro380.app.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them, the one parser of every command: 500ms, 1s, 1.5s, 2m, 1h. As a converter: above 0. */
public final class DurationText implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        Duration d = parse(text);
        if (d.isZero()) {
            throw new TypeConversionException("expected a duration above 0, got '" + text + "'");
        }
        return d;
    }

    /** A duration of 0 or more; TypeConversionException with a one-line reason otherwise. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new TypeConversionException("expected a duration like 500ms, 1s, 2m or 1h, got '" + text + "'");
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
}
