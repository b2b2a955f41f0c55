package org.pro380.bridge;

import java.time.Duration;

/** How long to wait before connecting again after {@code failures} failed attempts: 1 s, doubling, at most a minute. */
record Backoff(Duration first, Duration most) {
    static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    Duration after(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        Duration d = first.multipliedBy(1L << Math.min(failures - 1, 30));
        return d.compareTo(most) > 0 ? most : d;
    }
}
