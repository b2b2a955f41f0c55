package org.pro380.registers;

/**
 * One phase's mark on the LCD: lit while the phase has voltage, with an arrow that shows the
 * direction the meter measures (the twin's choice of the segments; the manual shows none).
 *
 * @param reverse the phase exports (its active power is negative), as the direction register says ("1R")
 */
public record LcdPhase(Phase phase, boolean lit, boolean reverse) {

    /** The mark of a phase at {@code voltage} (V) and {@code activePower} (kW, negative while exporting). */
    public static LcdPhase of(Phase phase, double voltage, double activePower) {
        return new LcdPhase(phase, voltage > 0, activePower < 0);
    }

    /** "L1 →" while importing, "L1 ←" while exporting, "" when dark. */
    public String text() {
        return lit ? phase + (reverse ? " ←" : " →") : "";
    }
}
