package org.pro380.twin.source;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.pro380.meter.PhaseLoad;

/**
 * What a source says of one phase, as much as it says: voltage (V), current (A), active power (W,
 * negative while exporting), power factor, reactive power (var, negative while capacitive) and
 * apparent power (VA). {@link #load} derives what a meter needs from what is there (docs/mirror.md).
 */
public record PhaseSample(
        double voltage,
        OptionalDouble current,
        OptionalDouble power,
        OptionalDouble powerFactor,
        OptionalDouble reactivePower,
        OptionalDouble apparentPower) {

    /** What a source map may say of a phase, by name: each is optional but current or power. */
    static final List<String> QUANTITIES =
            List.of("voltage", "current", "power", "powerFactor", "reactivePower", "apparentPower");
    /** The voltage of a phase whose source says none. */
    static final double DEFAULT_VOLTAGE = 230;
    /** The frequency of a source that says none. */
    static final double DEFAULT_FREQUENCY = 50;

    /** The sample of the {@link #QUANTITIES} that {@code quantity} gives by name; 230 V if it gives no voltage. */
    static PhaseSample of(Function<String, OptionalDouble> quantity) {
        return new PhaseSample(
                quantity.apply("voltage").orElse(DEFAULT_VOLTAGE),
                quantity.apply("current"),
                quantity.apply("power"),
                quantity.apply("powerFactor"),
                quantity.apply("reactivePower"),
                quantity.apply("apparentPower"));
    }

    /** The loads of L1, L2 and L3 from their samples; IllegalArgumentException names the phase that is not a load. */
    static List<PhaseLoad> loads(IntFunction<PhaseSample> phase) {
        List<PhaseLoad> loads = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            try {
                loads.add(phase.apply(i).load());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("phases[" + i + "]: " + e.getMessage());
            }
        }
        return loads;
    }

    /**
     * The phase load: exporting while the power (or else a signed current) is negative,
     * capacitive while the reactive power is negative; the power factor given, else |P|/S, else
     * |P|/sqrt(P² + Q²), else |P|/(V·I), else 1; the current given, else S/V, else |P|/(V·PF).
     */
    public PhaseLoad load() {
        if (current.isEmpty() && power.isEmpty()) {
            throw new IllegalArgumentException("neither current nor power");
        }
        boolean export = power.isPresent() ? power.getAsDouble() < 0 : current.getAsDouble() < 0;
        boolean capacitive = reactivePower.isPresent() && reactivePower.getAsDouble() < 0;
        double pf = derivedPowerFactor();
        double amps = current.isPresent()
                ? Math.abs(current.getAsDouble())
                : voltage <= 0
                        ? 0
                        : apparentPower.isPresent()
                                ? Math.abs(apparentPower.getAsDouble()) / voltage
                                : pf == 0 ? 0 : Math.abs(power.getAsDouble()) / (voltage * pf);
        return new PhaseLoad(voltage, amps, pf, export, capacitive);
    }

    private double derivedPowerFactor() {
        if (powerFactor.isPresent()) {
            return Math.abs(powerFactor.getAsDouble());
        }
        if (power.isEmpty()) {
            return 1;
        }
        double p = Math.abs(power.getAsDouble());
        if (apparentPower.isPresent()) {
            return ratio(p, Math.abs(apparentPower.getAsDouble()));
        }
        if (reactivePower.isPresent()) {
            return ratio(p, Math.hypot(p, reactivePower.getAsDouble()));
        }
        if (current.isPresent()) {
            return ratio(p, voltage * Math.abs(current.getAsDouble()));
        }
        return 1;
    }

    /** |P|/S within 0..1: 1 with nothing flowing, and rounding in the source never makes it more than 1. */
    private static double ratio(double p, double s) {
        return s <= 0 ? 1 : Math.min(1, p / s);
    }
}
