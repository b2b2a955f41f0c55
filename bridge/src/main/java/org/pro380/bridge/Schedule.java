package org.pro380.bridge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * When each meter of a line is read next. Pure: the caller says what time it is. The meter due
 * earliest goes first (ties in the order given); after its read it is due one interval after
 * it was due, or at once if the line is already later than that. So every meter is read at its
 * interval while the line keeps up, and in turn, as often as the line allows, when it cannot.
 */
public final class Schedule {

    /** A meter's turn: read {@code meter} at {@code due}. */
    public record Turn(PolledMeter meter, Instant due) {}

    private final List<PolledMeter> meters;
    private final Instant[] due;

    public Schedule(List<PolledMeter> meters, Instant start) {
        this.meters = List.copyOf(meters);
        this.due = new Instant[meters.size()];
        Arrays.fill(due, start);
    }

    /** The next meter to read and when. */
    public Turn next() {
        int first = 0;
        for (int i = 1; i < due.length; i++) {
            if (due[i].isBefore(due[first])) {
                first = i;
            }
        }
        return new Turn(meters.get(first), due[first]);
    }

    /** Records that {@code meter}'s read started at {@code started}. */
    public void done(PolledMeter meter, Instant started) {
        int i = meters.indexOf(meter);
        Instant nextDue = due[i].plus(meter.interval());
        due[i] = nextDue.isBefore(started) ? started : nextDue;
    }

    /** Every meter's next due time, in the order given. */
    public List<Instant> dueTimes() {
        return new ArrayList<>(List.of(due));
    }
}
