package org.pro380.client;

import org.pro380.registers.Phase;

/**
 * The instantaneous values of one phase.
 *
 * @param voltage V
 * @param current A, negative while the phase exports
 * @param activePower kW
 * @param reactivePower kvar
 * @param apparentPower kVA
 * @param powerFactor 0..1
 * @param direction "1F" forward (import) or "1R" reverse (export), with the phase number
 * @param quadrant 1..4
 */
public record PhaseValues(
        Phase phase,
        double voltage,
        double current,
        double activePower,
        double reactivePower,
        double apparentPower,
        double powerFactor,
        String direction,
        int quadrant) {

    public boolean exporting() {
        return direction.endsWith("R");
    }
}
