package org.pro380.meter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pro380.registers.Phase;

/**
 * How the meter is wired now, and what it measures of the load that really flows (docs/faults.md,
 * "Wiring faults"). Pure: the same load and faults always give the same readings.
 *
 * <ul>
 *   <li>A reversed current transformer turns the phase's current round: active and reactive power
 *       change sign, so the direction, the quadrant, the signed current and the energy counter
 *       that grows (forward or reverse) follow, exactly as the meter measures it.
 *   <li>A lost phase reads 0 V and 0 A.
 *   <li>A lost neutral leaves the loads' star point floating. Each phase's load is an admittance
 *       Y = (P - jQ) / V² at its voltage; the meter's own voltage inputs add a small equal one
 *       ({@link #METER_INPUT} S) to every phase, which holds the star point in the middle when
 *       nothing draws. The star point settles where Millman's theorem puts it, N = Σ E·Y / Σ Y,
 *       with the grid's phase voltages E at 0°, -120° and +120°; each phase then sees U = E - N.
 *       The meter measures |U|; the load, an impedance, draws |U| / |E| times its current at the
 *       same power factor. A lightly loaded phase's voltage rises towards the line voltage, a
 *       heavily loaded one's falls. Voltages stop at 500 V and currents at 100 A, the meter's range.
 * </ul>
 */
public record Wiring(Set<Phase> reversedCt, Set<Phase> lostPhases, boolean lostNeutral) {

    public static final Wiring CORRECT = new Wiring(Set.of(), Set.of(), false);

    /** The admittance of the meter's voltage input on each phase, in siemens (about 2 mA at 230 V). */
    static final double METER_INPUT = 1e-5;

    private static final double MAX_VOLTAGE = 500;
    private static final double MAX_CURRENT = 100;

    public Wiring {
        reversedCt = Set.copyOf(reversedCt);
        lostPhases = Set.copyOf(lostPhases);
    }

    /** The wiring with all of {@code faults} at once. */
    public static Wiring of(Collection<WiringFault> faults) {
        Set<Phase> reversed = EnumSet.noneOf(Phase.class);
        Set<Phase> lost = EnumSet.noneOf(Phase.class);
        boolean neutral = false;
        for (WiringFault f : faults) {
            if (f instanceof WiringFault.ReversedCt) {
                reversed.addAll(f.phases());
            } else if (f instanceof WiringFault.LostPhase) {
                lost.addAll(f.phases());
            } else {
                neutral = true;
            }
        }
        return new Wiring(reversed, lost, neutral);
    }

    public boolean correct() {
        return equals(CORRECT);
    }

    /** What the meter measures of {@code real}: the load as its voltage and current inputs see it. */
    public Load seen(Load real) {
        if (correct()) {
            return real;
        }
        double[][] voltages = lostNeutral ? starPointShifted(real) : null;
        List<PhaseLoad> phases = new ArrayList<>(3);
        for (Phase p : Phase.values()) {
            PhaseLoad load = real.phase(p);
            if (lostPhases.contains(p)) {
                load = PhaseLoad.importing(0, 0, 1);
            } else if (voltages != null) {
                load = atVoltage(load, Math.hypot(voltages[p.ordinal()][0], voltages[p.ordinal()][1]));
            }
            if (reversedCt.contains(p)) {
                load = new PhaseLoad(
                        load.voltage(), load.current(), load.powerFactor(), !load.export(), !load.capacitive());
            }
            phases.add(load);
        }
        return new Load(real.frequency(), phases);
    }

    /** The load of an impedance at {@code voltage} instead of its own: current in proportion, power factor kept. */
    private static PhaseLoad atVoltage(PhaseLoad load, double voltage) {
        double current = load.voltage() == 0 ? 0 : load.current() * voltage / load.voltage();
        return new PhaseLoad(
                Math.min(MAX_VOLTAGE, voltage),
                Math.min(MAX_CURRENT, current),
                load.powerFactor(),
                load.export(),
                load.capacitive());
    }

    /** Each phase's voltage U = E - N (real and imaginary part) with the star point N floating. */
    private double[][] starPointShifted(Load real) {
        double[][] e = new double[3][];
        double[][] y = new double[3][];
        double sumEyRe = 0;
        double sumEyIm = 0;
        double sumYRe = 0;
        double sumYIm = 0;
        for (Phase p : Phase.values()) {
            int n = p.ordinal();
            PhaseLoad load = real.phase(p);
            double angle = -2 * Math.PI / 3 * n;
            e[n] = new double[] {load.voltage() * Math.cos(angle), load.voltage() * Math.sin(angle)};
            y[n] = admittance(load);
            if (lostPhases.contains(p)) {
                continue; // not connected: no part in where the star point settles
            }
            sumEyRe += e[n][0] * y[n][0] - e[n][1] * y[n][1];
            sumEyIm += e[n][0] * y[n][1] + e[n][1] * y[n][0];
            sumYRe += y[n][0];
            sumYIm += y[n][1];
        }
        double norm = sumYRe * sumYRe + sumYIm * sumYIm;
        double nRe = norm == 0 ? 0 : (sumEyRe * sumYRe + sumEyIm * sumYIm) / norm;
        double nIm = norm == 0 ? 0 : (sumEyIm * sumYRe - sumEyRe * sumYIm) / norm;
        double[][] u = new double[3][];
        for (int n = 0; n < 3; n++) {
            u[n] = new double[] {e[n][0] - nRe, e[n][1] - nIm};
        }
        return u;
    }

    /** Y = (P - jQ) / V² of the phase's load, plus the meter's own input; in siemens. */
    private static double[] admittance(PhaseLoad load) {
        double v = load.voltage();
        if (v == 0) {
            return new double[] {METER_INPUT, 0};
        }
        PhaseMeasurement m = PhaseMeasurement.of(Phase.L1, load);
        double kilo = 1000 / (v * v);
        return new double[] {m.activePower() * kilo + METER_INPUT, -m.reactivePower() * kilo};
    }

    // equals and hashCode written out: a record's generated ones are an invokedynamic whose first
    // call builds method handles, 50 to 90 ms of a twin's start (docs/benchmarks.md, "Where a start goes")
    @Override
    public boolean equals(Object o) {
        return o instanceof Wiring other
                && reversedCt.equals(other.reversedCt)
                && lostPhases.equals(other.lostPhases)
                && lostNeutral == other.lostNeutral;
    }

    @Override
    public int hashCode() {
        return Objects.hash(reversedCt, lostPhases, lostNeutral);
    }
}
