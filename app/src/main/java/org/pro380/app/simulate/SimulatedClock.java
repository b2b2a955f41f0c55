package org.pro380.app.simulate;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Meter time that stands still until the simulation moves it: a year is as fast as the meter can book it. */
final class SimulatedClock extends Clock {

    private Instant now;

    SimulatedClock(Instant start) {
        now = start;
    }

    void set(Instant time) {
        now = time;
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
        return this;
    }
}
