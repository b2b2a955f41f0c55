package org.pro380.client;

/**
 * The instantaneous values of the whole meter.
 *
 * @param frequency Hz
 * @param activePower kW, the sum of the phases
 * @param reactivePower kvar
 * @param apparentPower kVA, the arithmetic sum of the phases
 * @param powerFactor |P| / sqrt(P² + Q²)
 * @param quadrant 1..4, from the total P and Q
 */
public record Totals(
        double frequency,
        double activePower,
        double reactivePower,
        double apparentPower,
        double powerFactor,
        int quadrant) {}
