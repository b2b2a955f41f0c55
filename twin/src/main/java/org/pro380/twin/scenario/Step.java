package org.pro380.twin.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a scenario: at {@code at} of meter time into a pass, its actions on its meters, in
 * the order {@link ScenarioJson#ACTIONS} lists them (so a storage fault is set before the power
 * goes off).
 *
 * @param number 1-based, as errors and {@code GET /api/scenario} name it
 * @param meters the meters (1-based) it acts on; empty: every meter of the site
 * @param note what the step stands for, shown as it plays; may be empty
 */
public record Step(int number, Duration at, List<Integer> meters, List<Action> actions, String note) {

    public Step {
        meters = List.copyOf(meters);
        actions = List.copyOf(actions);
    }

    /** The highest meter it names, if it names any. */
    Optional<Integer> highestMeter() {
        return meters.stream().max(Integer::compare);
    }

    /** Its actions' keys, e.g. "faults, power". */
    public String does() {
        return String.join(", ", actions.stream().map(Action::name).toList());
    }
}
