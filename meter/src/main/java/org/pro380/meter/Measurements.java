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
        return new Measurements(
                load.frequency(),
                Arrays.stream(Phase.values())
                        .map(p -> PhaseMeasurement.of(p, load.phase(p)))
                        .toList());
    }

    public PhaseMeasurement phase(Phase phase) {
        return phases.get(phase.ordinal());
    }

    // the totals are read for every Modbus read of the instantaneous block: plain loops, no streams

    public double activePower() {
        double sum = 0;
        for (int i = 0; i < phases.size(); i++) {
            sum += phases.get(i).activePower();
        }
        return sum;
    }

    public double reactivePower() {
        double sum = 0;
        for (int i = 0; i < phases.size(); i++) {
            sum += phases.get(i).reactivePower();
        }
        return sum;
    }

    /** The arithmetic sum of the phases' apparent powers, as the real meter adds them. */
    public double apparentPower() {
        double sum = 0;
        for (int i = 0; i < phases.size(); i++) {
            sum += phases.get(i).apparentPower();
        }
        return sum;
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
        boolean anyExport = false;
        boolean anyImport = false;
        for (int i = 0; i < phases.size(); i++) {
            anyExport |= phases.get(i).exporting();
            anyImport |= phases.get(i).activePower() > 0;
        }
        if (anyExport && anyImport) {
            return PowerFlow.MIXED;
        }
        return anyExport ? PowerFlow.EXPORT : PowerFlow.IMPORT;
    }

    /**
     * Two phases import while the third exports: the case the manual forbids (spec section 1).
     * The meter measures it all the same; the twin flags it.
     */
    public boolean forbiddenFlow() {
        int importing = 0;
        int exporting = 0;
        for (int i = 0; i < phases.size(); i++) {
            importing += phases.get(i).activePower() > 0 ? 1 : 0;
            exporting += phases.get(i).exporting() ? 1 : 0;
        }
        return importing == 2 && exporting == 1;
    }

    public enum PowerFlow {
        IMPORT,
        EXPORT,
        MIXED
    }
}
