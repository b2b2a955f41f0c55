package org.pro380.app.simulate;

import java.util.ArrayList;
import java.util.List;
import org.pro380.meter.EnergyCounters;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Phase;
import org.pro380.registers.Tariff;

/** The active energy counters a simulation writes, in the order of their columns: phase, direction, tariff. */
final class Counters {

    static final int COUNT = 18;
    /** l1_import_t1_wh, l1_import_t2_wh, ... l3_export_t3_wh. */
    static final List<String> COLUMNS = columns();
    // read for every row: no values() copies
    private static final Phase[] PHASES = Phase.values();
    private static final Flow[] FLOWS = {Flow.FORWARD, Flow.REVERSE};
    private static final Tariff[] TARIFFS = Tariff.values();

    private Counters() {
    }

    private static List<String> columns() {
        List<String> names = new ArrayList<>(COUNT);
        for (Phase phase : Phase.values()) {
            for (String flow : List.of("import", "export")) {
                for (Tariff tariff : Tariff.values()) {
                    names.add(phase.name().toLowerCase() + "_" + flow + "_t" + tariff.number() + "_wh");
                }
            }
        }
        return List.copyOf(names);
    }

    /** The counters in column order, in mWh. */
    static void read(EnergyCounters counters, long[] into) {
        int i = 0;
        for (Phase phase : PHASES) {
            for (Flow flow : FLOWS) {
                for (Tariff tariff : TARIFFS) {
                    into[i++] = counters.milli(phase, EnergyKind.ACTIVE, flow, tariff);
                }
            }
        }
    }

    /** Import (forward) energy of all phases at {@code tariff}, in mWh. */
    static long imported(long[] milli, Tariff tariff) {
        return sum(milli, 0, tariff);
    }

    static long exported(long[] milli, Tariff tariff) {
        return sum(milli, 1, tariff);
    }

    private static long sum(long[] milli, int flow, Tariff tariff) {
        long sum = 0;
        for (int phase = 0; phase < 3; phase++) {
            sum += milli[(phase * 2 + flow) * 3 + tariff.ordinal()];
        }
        return sum;
    }
}
