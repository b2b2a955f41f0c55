package org.pro380.registers;

/** The meter's three phases. */
public enum Phase {
    L1,
    L2,
    L3;

    /** 1, 2 or 3, as the meter writes it in "1F" or "Quadrant L1". */
    public int number() {
        return ordinal() + 1;
    }
}
