package org.pro380.bridge;

import java.util.Optional;

/**
 * What the bridge knows of one meter between reads: the serial number it answered with first,
 * and how many turns in a row it has been missing. Three missing turns in a row mark it lost.
 */
final class MeterHealth {
    static final int LOST_AFTER = 3;

    private Optional<String> serial = Optional.empty();
    private int missing;

    /** A gap at this meter's turn; true if that makes it lost just now. */
    boolean missed() {
        missing++;
        return missing == LOST_AFTER;
    }

    /** A reading; true if the meter was lost until now. */
    boolean answered() {
        boolean wasLost = missing >= LOST_AFTER;
        missing = 0;
        return wasLost;
    }

    boolean lost() {
        return missing >= LOST_AFTER;
    }

    /** The serial number first seen at this unit id; empty until the first reading. */
    Optional<String> serial() {
        return serial;
    }

    void serial(String first) {
        serial = Optional.of(first);
    }
}
