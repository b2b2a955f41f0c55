package org.pro380.app.simulate;

import java.util.ArrayList;
import java.util.List;
import org.pro380.registers.Phase;
import org.pro380.registers.Tariff;

/**
 * The active energy counters a simulation writes, in the order of their columns: phase, direction,
 * tariff, as {@link org.pro380.meter.EnergyCounters#activeInto} gives them.
 */
final class Counters {

    static final int COUNT = 18;
    /** l1_import_t1_wh, l1_import_t2_wh, ... l3_export_t3_wh. */
    static final List<String> COLUMNS = columns();

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
}
