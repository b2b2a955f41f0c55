package org.pro380.protocol;

/**
 * Response to function 06, an echo of the request.
 * <pre>
 * 06 | address hi lo | value hi lo
 * </pre>
 *
 * @param address the register written, 0..0xFFFF
 * @param value the value written, 0..0xFFFF
 */
public record WriteSingleRegisterResponse(int address, int value) implements Response {

    public WriteSingleRegisterResponse {
        Wire.u16("address", address);
        Wire.u16("value", value);
    }

    @Override
    public int functionCode() {
        return WriteSingleRegister.FUNCTION_CODE;
    }
}
