package org.pro380.registers;

/**
 * Unit ids on a Modbus line (spec section 3): a meter answers to 1..247, the legal values of its
 * Meter ID register ({@link Registers#UNIT_ID}); 0 is a broadcast, which every meter obeys and
 * none answers. The constants are compile-time constants, so help texts can name the range.
 */
public final class UnitId {

    public static final int BROADCAST = 0;
    public static final int FIRST = 1;
    public static final int LAST = 247;
    /** "1..247", for help texts and messages. */
    public static final String RANGE = FIRST + ".." + LAST;

    private UnitId() {}

    /** Whether a meter may have {@code id}. */
    public static boolean isMeter(int id) {
        return id >= FIRST && id <= LAST;
    }

    /** {@code id} if a meter may have it; IllegalArgumentException naming {@code what} otherwise. */
    public static int check(String what, int id) {
        if (!isMeter(id)) {
            throw new IllegalArgumentException(what + " must be " + RANGE + ", got " + id);
        }
        return id;
    }
}
