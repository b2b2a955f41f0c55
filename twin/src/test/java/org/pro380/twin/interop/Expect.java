package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.pro380.meter.MeterReading;
import org.pro380.registers.Block;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** Expectations shared by the interop tests, all derived from {@link Registers#MAP} and the meter. */
final class Expect {

    /** mbpoll prints floats with %g: 6 significant digits, so at most 5e-6 relative error. */
    static final double PRINTED_RELATIVE = 1e-5;

    private Expect() {}

    /** The f32 registers of a block, in address order. */
    static List<Register<?>> floats(Block block) {
        return Registers.MAP.in(block).stream()
                .filter(r -> r.type() == DataType.F32)
                .toList();
    }

    /** The energy counters (all f32), in address order. */
    static List<Register<?>> energyCounters() {
        return Registers.MAP.all().stream()
                .filter(r -> r.meaning() instanceof Meaning.Energy)
                .toList();
    }

    /** The first register of a block that Modbus cannot write. */
    static Register<?> firstReadOnly(Block block) {
        return Registers.MAP.in(block).stream()
                .filter(r -> !r.writable())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no read-only register in " + block));
    }

    /** The first reserved address of a block (it reads 0 and cannot be written). */
    static int firstReserved(Block block) {
        for (int a = block.first(); a <= block.last(); a++) {
            if (Registers.MAP.isReserved(a)) {
                return a;
            }
        }
        throw new AssertionError("no reserved address in " + block);
    }

    /** A number as C's printf prints a float or double (%g): "nan", "inf" and "-inf" included. */
    static double parseCDouble(String printed) {
        return switch (printed) {
            case "nan", "-nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(printed);
        };
    }

    /**
     * A value equal to {@code expected} to 6 significant digits: what mbpoll's %g keeps, and the
     * comparison of an f32 on the wire with a value computed in double from the load.
     */
    static void equalsToSixDigits(double printed, double expected, String what) {
        assertThat(printed).as(what).isCloseTo(expected, within(Math.abs(expected) * PRINTED_RELATIVE));
    }

    /** A counter read at some moment between {@code before} and {@code after}, as mbpoll prints it. */
    static void betweenToSixDigits(double printed, MeterReading before, MeterReading after, Register<?> counter) {
        double low = InteropTwin.f32(before, counter);
        double high = InteropTwin.f32(after, counter);
        assertThat(printed)
                .as("%s read between %s and %s", counter, low, high)
                .isBetween(low * (1 - PRINTED_RELATIVE), high * (1 + PRINTED_RELATIVE));
    }

    /** A counter read exactly (as a float) at some moment between {@code before} and {@code after}. */
    static void exactlyBetween(double read, MeterReading before, MeterReading after, Register<?> counter) {
        double low = InteropTwin.f32(before, counter);
        double high = InteropTwin.f32(after, counter);
        assertThat(read).as("%s read between %s and %s", counter, low, high).isBetween(low, high);
    }
}
