package org.pro380.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** A clock that stands still until the test moves it: meter time without sleeping. */
final class TestClock extends Clock {

    /** A Monday at midnight UTC, far from any epoch edge. */
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    private Instant now;

    TestClock() {
        this(START);
    }

    TestClock(Instant start) {
        this.now = Objects.requireNonNull(start);
    }

    /** Moves meter time forward; a clock that goes back is not what these tests are about. */
    void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a test clock only moves forward, got " + step);
        }
        now = now.plus(step);
    }

    void advanceSeconds(double seconds) {
        advance(Duration.ofNanos(Math.round(seconds * 1e9)));
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
            throw new UnsupportedOperationException("a test clock runs in UTC only");
        }
        return this;
    }
}
