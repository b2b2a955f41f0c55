package org.pro380.app.client;

import java.time.Duration;
import org.pro380.client.Durations;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@link Durations} as the converter of every command's duration flag: above 0. */
public final class DurationText implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String text) {
        try {
            return Durations.positive(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** A duration of 0 or more; TypeConversionException with a one-line reason otherwise. */
    public static Duration parse(String text) {
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
