package org.pro380.bridge;

import java.time.Clock;
import java.time.Instant;

/** Waits until a moment of the poller's clock; tests give one that moves an injected clock instead. */
@FunctionalInterface
public interface Waiter {

    /** Returns at {@code time} or later, or when {@code stop} is signalled and says the wait ends. */
    void waitUntil(Instant time, Object stop) throws InterruptedException;

    /** Waits on {@code stop}'s monitor by the given clock, so a stop wakes it at once. */
    static Waiter of(Clock clock) {
        return (time, stop) -> {
            synchronized (stop) {
                long millis;
                while (!(stop instanceof Stoppable s && s.endsWait())
                        && (millis = time.toEpochMilli() - clock.millis()) > 0) {
                    stop.wait(millis);
                }
            }
        };
    }

    /** Something a wait ends early for: a stop, or work that cannot wait for the next read. */
    interface Stoppable {
        boolean endsWait();
    }
}
