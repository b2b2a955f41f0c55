package org.pro380.protocol;

/** Parity of an RS485 character: 1 start bit, 8 data bits, the parity bit if any, 1 stop bit. */
public enum Parity {
    EVEN(11),
    NONE(10),
    ODD(11);

    private final int bits;

    Parity(int bits) {
        this.bits = bits;
    }

    /** Bits on the line per character: 11 with parity (8E1, 8O1), 10 without (8N1). */
    public int bitsPerCharacter() {
        return bits;
    }
}
