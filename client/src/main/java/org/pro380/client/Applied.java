package org.pro380.client;

/**
 * A change the meter acknowledged, and the value read back afterwards. Only the tariff may read
 * back otherwise: a 12 V signal on the tariff input overrules Modbus (spec section 6), and the
 * written tariff takes effect when the input drops.
 */
public record Applied(Change change, int readBack) {

    public boolean confirmed() {
        return readBack == change.value();
    }
}
