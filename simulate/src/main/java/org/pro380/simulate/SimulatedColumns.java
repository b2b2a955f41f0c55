package org.pro380.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.pro380.meter.EnergyCounters;
import org.pro380.readings.Columns;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

/**
 * The register columns of the readings table that a simulation fills ({@link Columns#SIMULATED},
 * the first of the table's): the total active power, the active tariff, and the energy counters forward and reverse, active and
 * reactive, of all tariffs and each tariff, with the active ones of each phase too. The other
 * registers' columns stay NULL; the forward + reverse totals are their sums.
 */
final class SimulatedColumns {

    static final List<Register<?>> ALL = Columns.SIMULATED;
    static final int POWER = ALL.indexOf(Registers.ACTIVE_POWER);
    static final int TARIFF = ALL.indexOf(Registers.TARIFF);

    private static final EnergyKind[] KINDS = EnergyKind.values();
    private static final Flow[] FLOWS = {Flow.FORWARD, Flow.REVERSE};
    private static final Phase[] PHASES = Phase.values();
    private static final Tariff[] TARIFFS = Tariff.values();
    /** How many counters a meter has: kind, flow, phase and tariff, in the order of {@link #read}. */
    static final int COUNTERS = KINDS.length * FLOWS.length * PHASES.length * TARIFFS.length;
    /** Per column of {@link #ALL}, the places of the counters it sums (none for the power and the tariff). */
    private static final int[][] SUMMANDS =
            ALL.stream().map(SimulatedColumns::summands).toArray(int[][]::new);

    /**
     * Per column of {@link #ALL}, the columns whose sum it is (the tariffs' of its kind and flow for
     * a register of all tariffs and phases), or none: what the row's INSERT adds up instead of
     * binding one more value (each costs a call into the driver).
     */
    static final int[][] PARTS = ALL.stream().map(SimulatedColumns::parts).toArray(int[][]::new);

    private SimulatedColumns() {}

    private static int[] parts(Register<?> register) {
        if (!(register.meaning() instanceof Meaning.Energy e) || e.scope() != Meaning.EnergyScope.ALL) {
            return new int[0];
        }
        int[] parts = IntStream.range(0, ALL.size())
                .filter(c -> ALL.get(c).meaning() instanceof Meaning.Energy p
                        && p.kind() == e.kind()
                        && p.flow() == e.flow()
                        && p.scope().tariff().isPresent())
                .toArray();
        int[] covered = Arrays.stream(parts)
                .flatMap(c -> Arrays.stream(SUMMANDS[c]))
                .sorted()
                .toArray();
        return Arrays.equals(covered, SUMMANDS[ALL.indexOf(register)]) ? parts : new int[0];
    }

    /**
     * The energy columns of a row in milli-units, into {@code columns} (the power's and the
     * tariff's places left as they are): each of the meter's counters read once into {@code
     * counters}, each column their sum. A row's 22 registers asked one by one cost three times as much.
     */
    static void energyInto(EnergyCounters meter, long[] counters, long[] columns) {
        int i = 0;
        for (EnergyKind kind : KINDS) {
            for (Flow flow : FLOWS) {
                for (Phase phase : PHASES) {
                    for (Tariff tariff : TARIFFS) {
                        counters[i++] = meter.milli(phase, kind, flow, tariff);
                    }
                }
            }
        }
        for (int column = 0; column < SUMMANDS.length; column++) {
            int[] summands = SUMMANDS[column];
            if (summands.length > 0) {
                long sum = 0;
                for (int place : summands) {
                    sum += counters[place];
                }
                columns[column] = sum;
            }
        }
    }

    private static int[] summands(Register<?> register) {
        if (!(register.meaning() instanceof Meaning.Energy e)) {
            return new int[0];
        }
        List<Integer> places = new ArrayList<>();
        int i = 0;
        for (EnergyKind kind : KINDS) {
            for (Flow flow : FLOWS) {
                for (Phase phase : PHASES) {
                    for (Tariff tariff : TARIFFS) {
                        if (kind == e.kind()
                                && flow == e.flow()
                                && e.scope().phase().map(phase::equals).orElse(true)
                                && e.scope().tariff().map(tariff::equals).orElse(true)) {
                            places.add(i);
                        }
                        i++;
                    }
                }
            }
        }
        return places.stream().mapToInt(Integer::intValue).toArray();
    }
}
