package org.pro380.twin.source;

import java.time.Instant;
import org.pro380.meter.ManualClock;

/** A clock that moves only when a test moves it. */
final class MutableClock extends ManualClock {

    MutableClock() {
        super(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
