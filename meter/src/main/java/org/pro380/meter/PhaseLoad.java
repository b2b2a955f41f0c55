package org.pro380.meter;

/**
 * What flows through one phase: voltage, current magnitude and power factor, with the sign of
 * active power ({@code export}) and of reactive power ({@code capacitive}).
 */
public record PhaseLoad(double voltage, double current, double powerFactor, boolean export, boolean capacitive) {

    public PhaseLoad {
        requireFinite("voltage", voltage);
        requireFinite("current", current);
        requireFinite("powerFactor", powerFactor);
        if (voltage < 0) {
            throw new IllegalArgumentException("voltage must be >= 0 V, got " + voltage);
        }
        if (voltage > 500) {
            throw new IllegalArgumentException("voltage must be <= 500 V, got " + voltage);
        }
        if (current < 0) {
            throw new IllegalArgumentException("current must be >= 0 A, got " + current);
        }
        if (current > 100) {
            throw new IllegalArgumentException("current must be <= 100 A, got " + current);
        }
        if (powerFactor < 0 || powerFactor > 1) {
            throw new IllegalArgumentException("powerFactor must be 0..1, got " + powerFactor);
        }
    }

    public static PhaseLoad importing(double voltage, double current, double powerFactor) {
        return new PhaseLoad(voltage, current, powerFactor, false, false);
    }

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a number, got " + v);
        }
    }
}
