package org.pro380.protocol;

/**
 * Response to function 16 (0x10).
 * <pre>
 * 10 | address hi lo | quantity hi lo
 * </pre>
 *
 * @param address first register written, 0..0xFFFF
 * @param quantity number of registers written, 0..0xFFFF
 */
public record WriteMultipleRegistersResponse(int address, int quantity) implements Response {

    public WriteMultipleRegistersResponse {
        Wire.u16("address", address);
        Wire.u16("quantity", quantity);
    }

    @Override
    public int functionCode() {
        return WriteMultipleRegisters.FUNCTION_CODE;
    }
}
