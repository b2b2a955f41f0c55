package org.pro380.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something a test caused to show, by asking again, never by sleeping a guessed time. */
public final class Await {

    private Await() {}

    /** Asks {@code condition} every 2 ms until it holds; fails with {@code what} if it does not within {@code limit}. */
    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit.toMillis() / 1000.0 + " s: " + what);
            }
            Thread.sleep(2);
        }
    }
}
