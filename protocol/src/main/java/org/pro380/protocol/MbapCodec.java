package org.pro380.protocol;

/**
 * Builds Modbus TCP frames: a 7-byte MBAP header, then the PDU.
 * <pre>
 * txid hi lo | 00 00 | length = PDU + 1 | unit | PDU ...
 * </pre>
 * Decoding is done by {@link MbapFramer}.
 */
public final class MbapCodec {
    /** Bytes of the MBAP header, unit id included. */
    public static final int HEADER = 7;
    /** Largest Modbus TCP ADU: header + 253-byte PDU. */
    public static final int MAX_ADU = 260;

    private MbapCodec() {}

    /** The bytes of {@code frame} for the wire. */
    public static byte[] encode(MbapFrame frame) {
        byte[] pdu = frame.pdu();
        byte[] adu = new byte[HEADER + pdu.length];
        Wire.putU16(adu, 0, frame.transactionId());
        Wire.putU16(adu, 4, pdu.length + 1);
        adu[6] = (byte) frame.unitId();
        System.arraycopy(pdu, 0, adu, HEADER, pdu.length);
        return adu;
    }
}
