package org.pro380.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Meter time that stands still until it is moved: a simulation runs a year as fast as the meter
 * can book it, and tests never sleep. UTC only. Safe to move from one thread while others read.
 */
public class ManualClock extends Clock {

    private volatile Instant now;

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** Sets meter time to {@code time}. */
    public void set(Instant time) {
        now = Objects.requireNonNull(time, "time");
    }

    /** Moves meter time forward by {@code step}. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("meter time only moves forward, got " + step);
        }
        now = now.plus(step);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!zone.equals(ZoneOffset.UTC)) {
            throw new UnsupportedOperationException("a manual clock runs in UTC only");
        }
        return this;
    }
}
