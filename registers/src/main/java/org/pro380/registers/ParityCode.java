package org.pro380.registers;

import org.pro380.protocol.Parity;

/** The values of register 0x4011: 1 even, 2 none, 3 odd. */
public final class ParityCode {

    private ParityCode() {
    }

    public static int of(Parity parity) {
        return switch (parity) {
            case EVEN -> 1;
            case NONE -> 2;
            case ODD -> 3;
        };
    }

    public static Parity parity(int code) {
        return switch (code) {
            case 1 -> Parity.EVEN;
            case 2 -> Parity.NONE;
            case 3 -> Parity.ODD;
            default -> throw new IllegalArgumentException("parity code " + code + " is not 1 (even), 2 (none) or 3 (odd)");
        };
    }
}
