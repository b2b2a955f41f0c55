package org.pro380.simulate;

import java.util.List;
import org.pro380.readings.Columns;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * The register columns of the readings table that a simulation fills, in the table's order: the
 * total active power, the active tariff, and the energy counters forward and reverse, active and
 * reactive, of all tariffs and each tariff, with the active ones of each phase too. The other
 * registers' columns stay NULL; the forward + reverse totals are their sums.
 */
final class SimulatedColumns {

    static final List<Register<?>> ALL = Columns.ALL.stream().filter(SimulatedColumns::simulated).toList();
    /** Per column of {@link #ALL}: the counter it holds, or null for the power and the tariff. */
    static final Meaning.Energy[] ENERGY = ALL.stream()
            .map(r -> r.meaning() instanceof Meaning.Energy e ? e : null).toArray(Meaning.Energy[]::new);
    static final int POWER = ALL.indexOf(Registers.ACTIVE_POWER);
    static final int TARIFF = ALL.indexOf(Registers.TARIFF);

    private SimulatedColumns() {
    }

    private static boolean simulated(Register<?> r) {
        if (r == Registers.ACTIVE_POWER || r == Registers.TARIFF) {
            return true;
        }
        return r.meaning() instanceof Meaning.Energy e && e.flow() != Meaning.Flow.TOTAL
                && (e.scope().phase().isEmpty() || e.kind() == Meaning.EnergyKind.ACTIVE);
    }
}
