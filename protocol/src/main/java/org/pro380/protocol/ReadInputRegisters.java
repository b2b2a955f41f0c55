package org.pro380.protocol;

/**
 * Read input registers, function 04: what generic meters (an SDM630, other Eastron-style float
 * maps) keep their measurements in. Sent by the client only: the PRO380 has no input registers,
 * so {@link PduCodec#decodeRequest} leaves a 04 request an {@link OtherFunction}, answered 01.
 * <pre>
 * 04 | address hi lo | quantity hi lo        e.g. 04 00 00 00 02
 * </pre>
 * As for 03, the constructor checks wire ranges only (0..0xFFFF); a server would hold a read to
 * quantity 1..{@value ReadHoldingRegisters#MAX_QUANTITY} within 0xFFFF.
 *
 * @param address first register, 0..0xFFFF
 * @param quantity number of registers, 0..0xFFFF
 */
public record ReadInputRegisters(int address, int quantity) implements Request {
    public static final int FUNCTION_CODE = 0x04;

    public ReadInputRegisters {
        Wire.u16("address", address);
        Wire.u16("quantity", quantity);
    }

    @Override
    public int functionCode() {
        return FUNCTION_CODE;
    }
}
