package org.pro380.app;

import java.time.Duration;
import org.pro380.app.client.DurationText;
import org.pro380.client.HostPort;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line value types: durations like 1s, 500ms, 2m; HOST:PORT. */
final class Converters {

    private Converters() {}

    /** Durations of 0 or more, as {@link DurationText} reads them. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return DurationText.parse(text);
        }
    }

    static final class HostPortConverter implements ITypeConverter<HostPort> {
        @Override
        public HostPort convert(String text) {
            try {
                return HostPort.parse(text);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
