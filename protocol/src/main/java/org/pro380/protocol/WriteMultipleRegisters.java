package org.pro380.protocol;

import java.util.Arrays;

/**
 * Write multiple registers, function 16 (0x10).
 * <pre>
 * 10 | address hi lo | quantity hi lo | byte count | value hi lo ...
 * e.g. 10 40 10 00 02 04 00 25 00 01
 * </pre>
 * The quantity is the number of values. The constructor checks wire ranges: each value
 * 0..0xFFFF and at most 123 values (a PDU holds 253 bytes); the Modbus minimum of one value is
 * checked by {@link PduCodec#decodeRequest}. Holds a copy of the values; equality by content.
 *
 * @param address first register, 0..0xFFFF
 * @param values the values, 0..123 of them
 */
public record WriteMultipleRegisters(int address, int[] values) implements Request {
    public static final int FUNCTION_CODE = 0x10;
    /** Most registers one write may carry. */
    public static final int MAX_QUANTITY = 123;

    public WriteMultipleRegisters {
        Wire.u16("address", address);
        values = values.clone();
        Wire.range("quantity", values.length, 0, MAX_QUANTITY);
        for (int v : values) {
            Wire.u16("value", v);
        }
    }

    @Override
    public int functionCode() {
        return FUNCTION_CODE;
    }

    /** A copy of the values. */
    @Override
    public int[] values() {
        return values.clone();
    }

    /** The number of values. */
    public int quantity() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteMultipleRegisters w && address == w.address && Arrays.equals(values, w.values);
    }

    @Override
    public int hashCode() {
        return 31 * address + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WriteMultipleRegisters[address=" + address + ", values=" + Arrays.toString(values) + "]";
    }
}
