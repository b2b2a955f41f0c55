package org.pro380.protocol;

import java.util.Arrays;

/**
 * A request of any function the meter does not implement; the server answers exception 01.
 * <pre>
 * fc | data ...                              e.g. 2b 0e 01 00  (read device identification)
 * </pre>
 * Holds a copy of the data; equality by content.
 *
 * @param functionCode 1..127 except 03, 06 and 16, which have their own records
 * @param data the bytes after the function code, at most 252
 */
public record OtherFunction(int functionCode, byte[] data) implements Request {

    public OtherFunction {
        Wire.range("function code", functionCode, 1, 0x7F);
        if (functionCode == ReadHoldingRegisters.FUNCTION_CODE
                || functionCode == WriteSingleRegister.FUNCTION_CODE
                || functionCode == WriteMultipleRegisters.FUNCTION_CODE) {
            throw new IllegalArgumentException(
                    "function code " + functionCode + " (expected one without its own record)");
        }
        data = data.clone();
        Wire.range("data length", data.length, 0, Wire.MAX_PDU - 1);
    }

    /** A copy of the data. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OtherFunction f && functionCode == f.functionCode && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * functionCode + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "OtherFunction[functionCode=" + functionCode + ", data=" + Hex.format(data) + "]";
    }
}
