package org.pro380.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

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

    /**
     * Reads the bus for the plan: every id of {@code ids}, of the plan and the factory id, each
     * asked (as {@code scan --every-id} does) with {@code timeout}, and holds the plan against what
     * answers.
     */
    public static PlanCheck onBus(
            Endpoint endpoint, CommissionPlan plan, List<Integer> ids, Duration timeout, BusScan.Progress progress)
            throws ClientException {
        TreeSet<Integer> asked = new TreeSet<>(ids);
        asked.addAll(plan.ids());
        asked.add(Commissioning.FACTORY_ID);
        List<BusScan.Found> found =
                BusScan.scan(endpoint, new BusScan.Options(List.copyOf(asked), false, true, timeout), progress);
        return of(plan, found);
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

    /** One line per meter: {@code 22091039 at id 2: ok (A1)}, missing, moved to id N, not in the plan. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        present.forEach(e -> lines.add(e.serialText() + " at id " + e.unitId() + ": ok (" + e.label() + ")"));
        missing.forEach(e -> lines.add(e.serialText() + " at id " + e.unitId() + ": missing (" + e.label() + ")"));
        moved.forEach(
                m -> lines.add(m.entry().serialText() + " at id " + m.entry().unitId() + ": moved to id " + m.nowAt()
                        + " (" + m.entry().label() + ")"));
        unexpected.forEach(f -> lines.add(f.serialText() + " at id " + f.unitId() + ": not in the plan"));
        return lines;
    }

    /** Whether the bus is as the plan says. */
    public boolean holds() {
        return missing.isEmpty() && moved.isEmpty() && unexpected.isEmpty();
    }
}
