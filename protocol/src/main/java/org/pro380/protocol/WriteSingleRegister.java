package org.pro380.protocol;

/**
 * Write single register, function 06. The response echoes the request.
 * <pre>
 * 06 | address hi lo | value hi lo           e.g. 06 40 10 00 25
 * </pre>
 *
 * @param address the register, 0..0xFFFF
 * @param value the value, 0..0xFFFF
 */
public record WriteSingleRegister(int address, int value) implements Request {
    public static final int FUNCTION_CODE = 0x06;

    public WriteSingleRegister {
        Wire.u16("address", address);
        Wire.u16("value", value);
    }

    @Override
    public int functionCode() {
        return FUNCTION_CODE;
    }
}
