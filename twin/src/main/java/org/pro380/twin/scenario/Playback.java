package org.pro380.twin.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a scenario's playing stands, in meter time: the pass it is in (0 for the first), the next
 * step of that pass (0-based) and how many steps were applied. Pure: {@link #advance} says, for
 * the meter clock's now, which steps are due. A looping scenario that fell more than a whole pass
 * behind (a time scale so high that a pass goes by between two wake-ups) skips to the pass now is
 * in.
 *
 * @param start the meter time the first pass began
 */
public record Playback(Scenario scenario, Instant start, long pass, int next, long applied) {

    /** The steps due, and where the playing stands after them. */
    public record Advance(Playback after, List<Step> due) {
        public Advance {
            due = List.copyOf(due);
        }
    }

    /** A scenario that starts at meter time {@code start}, nothing applied yet. */
    public static Playback from(Scenario scenario, Instant start) {
        return new Playback(scenario, start, 0, 0, 0);
    }

    /** No step is left: the last step of a scenario that does not loop was applied. */
    public boolean finished() {
        return next >= scenario.steps().size();
    }

    /** The meter time the next step is due at; empty when finished. */
    public Optional<Instant> nextAt() {
        return finished()
                ? Optional.empty()
                : Optional.of(passStart().plus(scenario.steps().get(next).at()));
    }

    /** The next step; empty when finished. */
    public Optional<Step> nextStep() {
        return finished() ? Optional.empty() : Optional.of(scenario.steps().get(next));
    }

    /** Meter time into the current pass at {@code now}: 0 to the length. */
    public Duration position(Instant now) {
        Duration in = Duration.between(passStart(), now);
        if (in.isNegative()) {
            return Duration.ZERO;
        }
        return in.compareTo(scenario.length()) > 0 ? scenario.length() : in;
    }

    /** The steps due by {@code now}, in order, and the playback after them. */
    public Advance advance(Instant now) {
        Playback at = skipMissedPasses(now);
        List<Step> due = new ArrayList<>();
        while (at.nextAt().filter(t -> !t.isAfter(now)).isPresent()) {
            due.add(at.scenario.steps().get(at.next));
            at = at.stepped();
        }
        return new Advance(at, due);
    }

    private Playback stepped() {
        boolean passOver = next + 1 == scenario.steps().size();
        if (passOver && scenario.loop()) {
            return new Playback(scenario, start, pass + 1, 0, applied + 1);
        }
        return new Playback(scenario, start, pass, next + 1, applied + 1);
    }

    private Playback skipMissedPasses(Instant now) {
        if (!scenario.loop()) {
            return this;
        }
        long current =
                Duration.between(start, now).toNanos() / scenario.length().toNanos();
        return current > pass + 1 ? new Playback(scenario, start, current, 0, applied) : this;
    }

    private Instant passStart() {
        return start.plus(scenario.length().multipliedBy(pass));
    }
}
