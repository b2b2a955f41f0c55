package org.pro380.twin.scenario;

import java.time.Duration;

/** Meter durations as a scenario shows them: "90s", "1500ms". */
final class Durations {

    private Durations() {}

    static String text(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    /** Seconds with millisecond precision, for JSON. */
    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
