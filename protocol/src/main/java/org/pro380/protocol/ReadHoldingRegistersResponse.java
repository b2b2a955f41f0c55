package org.pro380.protocol;

import java.util.Arrays;

/**
 * Response to function 03: the register values.
 * <pre>
 * 03 | byte count | value hi lo ...          e.g. 03 0c 41 80 00 00 41 80 00 00 41 80 00 00
 * </pre>
 * The byte count is 2 * values, read unsigned (125 registers = 250 = 0xfa). Holds a copy of
 * the values; equality by content.
 *
 * @param values each 0..0xFFFF, at most 125
 */
public record ReadHoldingRegistersResponse(int[] values) implements Response {

    public ReadHoldingRegistersResponse {
        values = values.clone();
        Wire.range("quantity", values.length, 0, ReadHoldingRegisters.MAX_QUANTITY);
        for (int v : values) {
            Wire.u16("value", v);
        }
    }

    @Override
    public int functionCode() {
        return ReadHoldingRegisters.FUNCTION_CODE;
    }

    /** A copy of the values. */
    @Override
    public int[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadHoldingRegistersResponse r && Arrays.equals(values, r.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ReadHoldingRegistersResponse[values=" + Arrays.toString(values) + "]";
    }
}
