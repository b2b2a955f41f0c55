package org.pro380.twin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Meter time that runs {@code scale} times as fast as a base clock, from the moment it was made. */
public final class ScaledClock extends Clock {

    private final Clock base;
    private final double scale;
    private final Instant origin;

    private ScaledClock(Clock base, double scale, Instant origin) {
        this.base = base;
        this.scale = scale;
        this.origin = origin;
    }

    /** Real time for scale 1, else meter time that starts now and runs {@code scale} times as fast. */
    public static Clock of(Clock base, double scale) {
        return scale == 1.0 ? base : new ScaledClock(base, scale, base.instant());
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(origin, base.instant()).toNanos();
        return origin.plusNanos((long) (realNanos * scale));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
