package org.pro380.meter;

import java.time.Instant;

/** Meter time as the meter books it: whole microseconds since the epoch, in a long. */
final class Micros {

    private Micros() {}

    /** Microseconds since the epoch, whole ones (floor); the far past and future as far as a long goes. */
    static long of(Instant time) {
        long seconds = time.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000 - 1) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000 + 1) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000 + time.getNano() / 1000;
    }

    static long exact(long seconds, int nanos, String what) {
        if (nanos % 1000 != 0) {
            throw new IllegalArgumentException("a " + what + " in whole microseconds, got " + nanos + " ns");
        }
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), nanos / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
