package org.pro380.twin.scenario;

import java.time.Duration;

/** Meter durations as a scenario's errors show them: "90s", "1500ms". */
final class Durations {

    private Durations() {}

    static String text(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
