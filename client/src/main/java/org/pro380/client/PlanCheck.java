package org.pro380.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A plan held against the meters a scan found: each meter of the plan present at its id,
 * missing, or moved (its serial number answers at another id), and meters the plan does not
 * have (unexpected, including another meter at a planned id).
 */
public record PlanCheck(
        List<CommissionPlan.Entry> present,
        List<CommissionPlan.Entry> missing,
        List<Moved> moved,
        List<BusScan.Found> unexpected) {

    /** A meter of the plan found at another id. */
    public record Moved(CommissionPlan.Entry entry, int nowAt) {}

    public PlanCheck {
        present = List.copyOf(present);
        missing = List.copyOf(missing);
        moved = List.copyOf(moved);
        unexpected = List.copyOf(unexpected);
    }

    public static PlanCheck of(CommissionPlan plan, List<BusScan.Found> found) {
        List<CommissionPlan.Entry> present = new ArrayList<>();
        List<CommissionPlan.Entry> missing = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (CommissionPlan.Entry e : plan.entries()) {
            Optional<BusScan.Found> at = found.stream()
                    .filter(f -> f.serialNumber() == e.serialNumber())
                    .findFirst();
            if (at.isEmpty()) {
                missing.add(e);
            } else if (at.get().unitId() == e.unitId()) {
                present.add(e);
            } else {
                moved.add(new Moved(e, at.get().unitId()));
            }
        }
        List<BusScan.Found> unexpected = found.stream()
                .filter(f -> plan.bySerial(f.serialNumber()).isEmpty())
                .toList();
        return new PlanCheck(present, missing, moved, unexpected);
    }

    /** Whether the bus is as the plan says. */
    public boolean holds() {
        return missing.isEmpty() && moved.isEmpty() && unexpected.isEmpty();
    }
}
