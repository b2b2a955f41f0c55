package org.pro380.meter;

import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until the test moves it: meter time without sleeping. */
final class TestClock extends ManualClock {

    /** A Monday at midnight UTC, far from any epoch edge. */
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    TestClock() {
        this(START);
    }

    TestClock(Instant start) {
        super(start);
    }

    void advanceSeconds(double seconds) {
        advance(Duration.ofNanos(Math.round(seconds * 1e9)));
    }
}
