package org.pro380.app.client;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people type them: 500ms, 1s, 1.5s, 2m. */
public final class DurationText implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    @Override
    public Duration convert(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new TypeConversionException("expected a duration like 500ms, 1s or 2m, got '" + text + "'");
        }
        double millis = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "ms" -> 1;
            case "s" -> 1000;
            default -> 60_000;
        };
        if (millis <= 0) {
            throw new TypeConversionException("expected a duration above 0, got '" + text + "'");
        }
        return Duration.ofNanos((long) (millis * 1_000_000));
    }
}
