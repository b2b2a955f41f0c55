package org.pro380.readings;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/**
 * The readings table's columns of the registers: one per register of the map, in address order,
 * named by its key with '_' for '-' (schema in {@link Schema}).
 */
public final class Columns {
    /** Every register, in address order. */
    public static final List<Register<?>> ALL = Registers.MAP.all();
    /** The energy counters, which the 15-minute table keeps. */
    public static final List<Register<?>> ENERGY = ALL.stream().filter(r -> r.meaning() instanceof Meaning.Energy).toList();

    private Columns() {
    }

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
        return String.join(", ", registers.stream().map(r -> name(r) + " " + type(r)).toList());
    }

    /** "name, ..." */
    public static String names(List<Register<?>> registers) {
        return String.join(", ", registers.stream().map(Columns::name).toList());
    }

    public static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    public static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
