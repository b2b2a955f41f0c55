package org.pro380.meter;

import org.pro380.registers.Phase;

/**
 * The values the meter shows for one phase (spec section 9), in V, A, kW, kvar, kVA.
 *
 * @param current signed: negative while the phase exports
 */
public record PhaseMeasurement(
        Phase phase,
        double voltage,
        double current,
        double activePower,
        double reactivePower,
        double apparentPower,
        double powerFactor) {

    static PhaseMeasurement of(Phase phase, PhaseLoad load) {
        double s = load.voltage() * load.current() / 1000;
        double pMagnitude = s * load.powerFactor();
        double qMagnitude = Math.sqrt(Math.max(0, s * s - pMagnitude * pMagnitude));
        double p = load.export() && pMagnitude > 0 ? -pMagnitude : pMagnitude;
        double q = load.capacitive() && qMagnitude > 0 ? -qMagnitude : qMagnitude;
        double current = p < 0 ? -load.current() : load.current();
        double pf = s == 0 ? 1.0 : Math.abs(p) / s;
        return new PhaseMeasurement(phase, load.voltage(), current, p, q, s, pf);
    }

    public boolean exporting() {
        return activePower < 0;
    }

    /** "1F" while the phase imports (P >= 0), "1R" while it exports. */
    public String direction() {
        return DIRECTIONS[phase.ordinal()][exporting() ? 1 : 0]; // read at every identity read: made once
    }

    private static final String[][] DIRECTIONS = directions();

    private static String[][] directions() {
        Phase[] phases = Phase.values();
        String[][] texts = new String[phases.length][];
        for (Phase p : phases) {
            texts[p.ordinal()] = new String[] {p.number() + "F", p.number() + "R"};
        }
        return texts;
    }

    public int quadrant() {
        return Quadrant.of(activePower, reactivePower);
    }
}
