package org.pro380.protocol;

import java.util.List;

/**
 * Response to function 04: the register values, in the same shape as a 03 response.
 * <pre>
 * 04 | byte count | value hi lo ...          e.g. 04 04 43 66 33 33   (one float, 230.2)
 * </pre>
 *
 * @param values each 0..0xFFFF, at most 125
 */
public record ReadInputRegistersResponse(List<Integer> values) implements Response {

    public ReadInputRegistersResponse {
        values = List.copyOf(values);
        Wire.range("quantity", values.size(), 0, ReadHoldingRegisters.MAX_QUANTITY);
        values.forEach(v -> Wire.u16("value", v));
    }

    /** The values as words. */
    public int[] words() {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int functionCode() {
        return ReadInputRegisters.FUNCTION_CODE;
    }
}
