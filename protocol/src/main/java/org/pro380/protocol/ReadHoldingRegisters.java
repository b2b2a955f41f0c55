package org.pro380.protocol;

/**
 * Read holding registers, function 03.
 * <pre>
 * 03 | address hi lo | quantity hi lo        e.g. 03 50 0c 00 06
 * </pre>
 * The constructor checks wire ranges only (0..0xFFFF); the Modbus limits (quantity 1..125,
 * no overflow past 0xFFFF) are checked by {@link PduCodec#decodeRequest}.
 *
 * @param address first register, 0..0xFFFF
 * @param quantity number of registers, 0..0xFFFF
 */
public record ReadHoldingRegisters(int address, int quantity) implements Request {
    public static final int FUNCTION_CODE = 0x03;
    /** Most registers one read may ask for. */
    public static final int MAX_QUANTITY = 125;

    public ReadHoldingRegisters {
        Wire.u16("address", address);
        Wire.u16("quantity", quantity);
    }

    @Override
    public int functionCode() {
        return FUNCTION_CODE;
    }
}
