package org.pro380.meter;

import java.time.Instant;

/**
 * Loads over meter time, as a profile plays them: the meter that follows a schedule books each
 * stretch between two changes at that stretch's own load, however late it is asked.
 */
public interface LoadSchedule {

    /** The load that holds at {@code time}. */
    Load loadAt(Instant time);

    /** The first instant after {@code time} at which the load may change; strictly after it. */
    Instant nextChangeAfter(Instant time);

    /** What the meter makes of one of this schedule's loads; a schedule that repeats its loads may keep them. */
    default MeasuredLoad measuredOf(Load load) {
        return MeasuredLoad.of(load);
    }
}
