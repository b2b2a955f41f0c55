package org.pro380.twin.source;

import java.util.OptionalDouble;
import org.pro380.meter.PhaseLoad;

/**
 * What a source says of one phase, as much as it says: voltage (V), current (A), active power (W,
 * negative while exporting), power factor, reactive power (var, negative while capacitive) and
 * apparent power (VA). {@link #load} derives what a meter needs from what is there (docs/mirror.md).
 */
public record PhaseSample(double voltage, OptionalDouble current, OptionalDouble power, OptionalDouble powerFactor,
        OptionalDouble reactivePower, OptionalDouble apparentPower) {

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
        double amps = current.isPresent() ? Math.abs(current.getAsDouble())
                : voltage <= 0 ? 0
                : apparentPower.isPresent() ? Math.abs(apparentPower.getAsDouble()) / voltage
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
