package org.pro380.bridge.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Unit;

/**
 * One Prometheus metric for the registers that measure the same thing: the voltages of the
 * three phases are {@code pro380_voltage_volts} with a phase label; every energy counter of a
 * kind is one counter with phase, tariff and direction labels. Built from the register map:
 * names from what a register means, units from its unit. Text values (current directions)
 * and the serial number (a label) have none.
 */
record ValueFamily(String name, String help, boolean counter, List<Register<?>> registers) {

    /** The label names of every value metric, in this order. */
    static final String[] LABELS = {"meter", "serial", "phase", "tariff", "direction"};

    static final List<ValueFamily> ALL = of(Registers.MAP.all());

    static List<ValueFamily> of(List<Register<?>> registers) {
        Map<String, List<Register<?>>> byName = new LinkedHashMap<>();
        for (Register<?> r : registers) {
            if (r.type().javaType() != String.class && !r.equals(Registers.SERIAL_NUMBER)) {
                byName.computeIfAbsent(name(r), n -> new ArrayList<>()).add(r);
            }
        }
        List<ValueFamily> families = new ArrayList<>();
        byName.forEach((name, members) -> families.add(new ValueFamily(
                name, help(members.get(0)), members.get(0).meaning() instanceof Meaning.Energy, List.copyOf(members))));
        return List.copyOf(families);
    }

    /** The metric name, without the {@code _total} the exposition adds to a counter. */
    static String name(Register<?> r) {
        Meaning m = r.meaning();
        String what;
        if (m instanceof Meaning.Measured measured) {
            what = lower(measured.quantity());
        } else if (m instanceof Meaning.Energy energy) {
            what = lower(energy.kind()) + "_energy";
        } else if (r.equals(Registers.POWER_COUNTER)) {
            what = "power_cycles"; // promtool's lint refuses "counter" in a name
        } else {
            what = r.key().replace('-', '_');
        }
        return "pro380_" + what + suffix(r.unit());
    }

    private static String help(Register<?> r) {
        Meaning m = r.meaning();
        String unit = r.unit() == Unit.NONE ? "" : " in " + r.unit().symbol();
        if (m instanceof Meaning.Measured measured) {
            return lower(measured.quantity()).replace('_', ' ') + unit + " (phase \"\" for the meter as a whole)";
        } else if (m instanceof Meaning.Energy energy) {
            return lower(energy.kind()) + " energy counter" + unit
                    + " (direction, tariff, phase \"\": all of them together)";
        }
        return r.name() + unit + " (register " + r.key() + ")";
    }

    /** phase, tariff and direction of a register's value; "" where it is all of them. */
    static String[] labels(Register<?> r) {
        Meaning m = r.meaning();
        if (m instanceof Meaning.Measured measured) {
            return new String[] {measured.scope().phase().map(Enum::name).orElse(""), "", ""};
        } else if (m instanceof Meaning.Energy e) {
            String direction = e.flow() == Meaning.Flow.TOTAL ? "" : lower(e.flow());
            return new String[] {
                e.scope().phase().map(Enum::name).orElse(""),
                e.scope().tariff().map(Enum::name).orElse(""),
                direction
            };
        }
        return new String[] {"", "", ""};
    }

    private static String suffix(Unit unit) {
        return switch (unit) {
            case NONE -> "";
            case VOLT -> "_volts";
            case HERTZ -> "_hertz";
            case AMPERE -> "_amperes";
            case SECOND -> "_seconds";
            case KILOWATT -> "_kilowatts";
            case KILOVAR -> "_kilovars";
            case KILOVOLT_AMPERE -> "_kilovoltamperes";
            case KILOWATT_HOUR ->
                "_kwh"; // not "hours": promtool's lint asks for seconds, and the values stay the meter's
            case KILOVAR_HOUR -> "_kvarh";
        };
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
