package org.pro380.registers;

import java.util.Locale;
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

    /** Parity as people write it: even, none, odd, their first letters, or the code 1, 2, 3. */
    public static Parity parse(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "even", "e", "1" -> Parity.EVEN;
            case "none", "n", "2" -> Parity.NONE;
            case "odd", "o", "3" -> Parity.ODD;
            default -> throw new IllegalArgumentException("parity must be even, none or odd, got '" + text + "'");
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
