package org.pro380.twin.transport;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets a repeated log line through at most once per interval and counts the ones held back, so
 * that a fault repeating every second (say, no file descriptors left to accept with) cannot flood
 * the log. Thread-safe.
 */
final class Throttle {

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextNanos;
    private boolean started;
    private long heldBack;

    Throttle(long interval, TimeUnit unit, LongSupplier nanoTime) {
        this.intervalNanos = unit.toNanos(interval);
        this.nanoTime = nanoTime;
    }

    /**
     * Whether to log now; if so, {@code -1} is never returned and the count of lines held back
     * since the last one let through is given, else -1.
     */
    synchronized long pass() {
        long now = nanoTime.getAsLong();
        if (started && now - nextNanos < 0) {
            heldBack++;
            return -1;
        }
        started = true;
        nextNanos = now + intervalNanos;
        long suppressed = heldBack;
        heldBack = 0;
        return suppressed;
    }
}
