package org.pro380.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.pro380.client.Snapshot;
import org.pro380.readings.Columns;

/** A sink that keeps what it is handed: "unit 1 reading", "unit 2 gap no_reply". */
final class Recorder implements ReadingSink {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void reading(BridgeMeter meter, Snapshot snapshot) {
        events.add("unit " + meter.unitId() + " reading");
    }

    @Override
    public synchronized void gap(BridgeMeter meter, Instant time, GapCause cause, String detail) {
        events.add("unit " + meter.unitId() + " gap " + Columns.lower(cause));
    }

    @Override
    public synchronized void roundDone(String connection, Duration took, int meters) {
        events.add("round of " + meters);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    /** Waits (bounded) until an event equal to {@code event} has been recorded after the first {@code after}. */
    boolean await(String event, int after, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> now = events();
            if (now.subList(Math.min(after, now.size()), now.size()).contains(event)) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }
}
