package org.pro380.twin.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which meters of a site keep their frames: the first {@value #FIRST_METERS} from the start, and
 * any other from the first time someone asks for its frames, {@value #MAX_METERS} at most (the
 * one asked for least recently makes room and forgets its frames), so that a site of 100,000
 * meters holds at most {@value #MAX_METERS} x {@value TrafficLog#SIZE} frames. Every meter counts
 * its CRC errors and faults all the same. Thread-safe.
 */
public final class TrafficLogs {

    static final int MAX_METERS = 64;
    static final int FIRST_METERS = 16;

    private final Map<TrafficLog, Boolean> kept = new LinkedHashMap<>(MAX_METERS * 2, 0.75f, true);
    private int made;

    /** A new meter's log: it keeps frames if it is one of the site's first meters. */
    public synchronized TrafficLog next() {
        TrafficLog log = new TrafficLog(this);
        if (made++ < FIRST_METERS) {
            asked(log);
        }
        return log;
    }

    /** Someone asked for {@code log}'s frames: it keeps them from now on, another may stop. */
    synchronized void asked(TrafficLog log) {
        if (kept.get(log) != null) {
            return;
        }
        if (kept.size() >= MAX_METERS) {
            TrafficLog eldest = kept.keySet().iterator().next();
            kept.remove(eldest);
            eldest.forget();
        }
        kept.put(log, Boolean.TRUE);
        log.keep();
    }
}
