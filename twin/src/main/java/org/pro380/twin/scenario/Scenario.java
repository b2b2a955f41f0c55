package org.pro380.twin.scenario;

import java.time.Duration;
import java.util.List;

/**
 * A timeline of steps in meter time (docs/scenarios.md): loads, profiles, the tariff input,
 * faults, storage faults and power, each on some meters or all. One pass lasts {@code length}; a
 * looping scenario starts its next pass then.
 *
 * @param steps in the order of their {@code at}, never empty
 * @param length one pass, at least the last step's {@code at}; more than zero when it loops
 */
public record Scenario(String name, String description, boolean loop, Duration length, List<Step> steps) {

    /** Longer than ten years of meter time would not be a scenario (and would overflow the wait for it). */
    public static final Duration MAX_LENGTH = Duration.ofDays(3650);

    public Scenario {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a scenario needs at least one step");
        }
        Duration last = steps.get(steps.size() - 1).at();
        if (length.compareTo(last) < 0) {
            throw new IllegalArgumentException(
                    "length " + Durations.text(length) + " ends before the last step, at " + Durations.text(last));
        }
        if (length.compareTo(MAX_LENGTH) > 0) {
            throw new IllegalArgumentException("a scenario lasts at most 3650 days, got " + Durations.text(length));
        }
        if (loop && length.isZero()) {
            throw new IllegalArgumentException(
                    "a looping scenario needs a length above 0: give \"length\" or a step after 0s");
        }
    }

    /** The same scenario, looping or not. */
    public Scenario withLoop(boolean loops) {
        return new Scenario(name, description, loops, length, steps);
    }

    /** Refuses, in one line, a scenario with a step for a meter past the site's {@code meters}. */
    public void checkMeters(int meters) {
        for (Step step : steps) {
            step.highestMeter().filter(k -> k > meters).ifPresent(k -> {
                throw new IllegalArgumentException("step " + step.number() + ": no meter " + k + ": "
                        + (meters == 1 ? "this site has one meter, 1" : "the meters of this site are 1 to " + meters));
            });
        }
    }
}
