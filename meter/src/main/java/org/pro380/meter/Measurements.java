package org.pro380.meter;

import java.util.Arrays;
import java.util.List;
import org.pro380.registers.Phase;

/** Everything the meter measures at one moment, per phase and in total (spec section 9). */
public record Measurements(double frequency, List<PhaseMeasurement> phases) {

    public Measurements {
        phases = List.copyOf(phases);
    }

    public static Measurements of(Load load) {
        return new Measurements(load.frequency(), Arrays.stream(Phase.values())
                .map(p -> PhaseMeasurement.of(p, load.phase(p)))
                .toList());
    }

    public PhaseMeasurement phase(Phase phase) {
        return phases.get(phase.ordinal());
    }

    public double activePower() {
        return phases.stream().mapToDouble(PhaseMeasurement::activePower).sum();
    }

    public double reactivePower() {
        return phases.stream().mapToDouble(PhaseMeasurement::reactivePower).sum();
    }

    /** The arithmetic sum of the phases' apparent powers, as the real meter adds them. */
    public double apparentPower() {
        return phases.stream().mapToDouble(PhaseMeasurement::apparentPower).sum();
    }

    /** |P| / sqrt(P² + Q²) of the totals; 1.0 with no power at all. */
    public double powerFactor() {
        double p = activePower();
        double q = reactivePower();
        double s = Math.hypot(p, q);
        return s == 0 ? 1.0 : Math.abs(p) / s;
    }

    public int quadrant() {
        return Quadrant.of(activePower(), reactivePower());
    }

    /**
     * Some phases import while others export: the condition the manual warns against. A phase
     * imports while P > 0 (spec section 9); an idle phase neither imports nor exports. With no
     * active power at all the flow is IMPORT.
     */
    public PowerFlow flow() {
        boolean anyExport = phases.stream().anyMatch(PhaseMeasurement::exporting);
        boolean anyImport = phases.stream().anyMatch(p -> p.activePower() > 0);
        if (anyExport && anyImport) {
            return PowerFlow.MIXED;
        }
        return anyExport ? PowerFlow.EXPORT : PowerFlow.IMPORT;
    }

    public enum PowerFlow { IMPORT, EXPORT, MIXED }
}
