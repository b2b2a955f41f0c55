package org.pro380.readings;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * The readings table's columns of the registers: one per register of the map, named by its key
 * with '_' for '-' (schema in {@link Schema}). The table holds first those a simulated meter fills,
 * then the rest, each in address order ({@link #STORED}); read and write them by name.
 */
public final class Columns {
    /** Every register, in address order. */
    public static final List<Register<?>> ALL = Registers.MAP.all();
    /**
     * What a simulated meter fills: the total active power, the active tariff, and the energy
     * counters forward and reverse, active and reactive, of all tariffs and each tariff, the active
     * ones of each phase too; in address order.
     */
    public static final List<Register<?>> SIMULATED =
            ALL.stream().filter(Columns::simulated).toList();
    /**
     * The register columns in the reading table's order: {@link #SIMULATED} first, so that a row
     * that fills no other can end there (SQLite stores a byte for each column up to a record's last).
     */
    public static final List<Register<?>> STORED = Stream.concat(
                    SIMULATED.stream(), ALL.stream().filter(r -> !SIMULATED.contains(r)))
            .toList();
    /** The energy counters, which the 15-minute table keeps. */
    public static final List<Register<?>> ENERGY =
            ALL.stream().filter(r -> r.meaning() instanceof Meaning.Energy).toList();

    private Columns() {}

    public static String name(Register<?> r) {
        return r.key().replace('-', '_');
    }

    /** The SQLite type: REAL for f32, TEXT for the ASCII directions, INTEGER for the rest. */
    public static String type(Register<?> r) {
        if (r.type() == DataType.F32) {
            return "REAL";
        }
        return r.type().javaType() == String.class ? "TEXT" : "INTEGER";
    }

    /** "name TYPE, ..." for a CREATE TABLE. */
    public static String definitions(List<Register<?>> registers) {
        return String.join(
                ", ", registers.stream().map(r -> name(r) + " " + type(r)).toList());
    }

    /** "name, ..." */
    public static String names(List<Register<?>> registers) {
        return String.join(", ", registers.stream().map(Columns::name).toList());
    }

    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static boolean simulated(Register<?> r) {
        if (r == Registers.ACTIVE_POWER || r == Registers.TARIFF) {
            return true;
        }
        return r.meaning() instanceof Meaning.Energy e
                && e.flow() != Meaning.Flow.TOTAL
                && (e.scope().phase().isEmpty() || e.kind() == Meaning.EnergyKind.ACTIVE);
    }

    public static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
