package org.pro380.bridge;

import java.time.Duration;

/** A meter and how often the bridge reads it. */
public record PolledMeter(BridgeMeter meter, Duration interval) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public PolledMeter {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be above 0, got " + interval);
        }
    }
}
