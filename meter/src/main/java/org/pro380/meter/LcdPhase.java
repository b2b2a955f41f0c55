package org.pro380.meter;

import org.pro380.registers.Phase;

/**
 * One phase's mark on the LCD: lit while the phase has voltage, with an arrow that shows the
 * direction the meter measures (the twin's choice of the segments; the manual shows none).
 *
 * @param reverse the phase exports, as the direction register says ("1R")
 */
public record LcdPhase(Phase phase, boolean lit, boolean reverse) {

    static LcdPhase of(PhaseMeasurement m) {
        return new LcdPhase(m.phase(), m.voltage() > 0, m.exporting());
    }

    /** "L1 →" while importing, "L1 ←" while exporting, "" when dark. */
    public String text() {
        return lit ? phase + (reverse ? " ←" : " →") : "";
    }
}
