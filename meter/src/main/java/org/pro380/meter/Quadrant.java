package org.pro380.meter;

/** Quadrants of the P-Q plane as the meter numbers them (spec section 9). */
final class Quadrant {

    private Quadrant() {}

    static int of(double activePower, double reactivePower) {
        if (activePower >= 0) {
            return reactivePower >= 0 ? 1 : 4;
        }
        return reactivePower >= 0 ? 2 : 3;
    }
}
