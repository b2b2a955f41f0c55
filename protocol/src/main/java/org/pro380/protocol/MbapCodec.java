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
        return encode(frame.transactionId(), frame.carried());
    }

    /**
     * The bytes of the frame that carries {@code carried} with {@code transactionId} (0..0xFFFF),
     * as {@code encode(new MbapFrame(transactionId, carried))}: a server frames every reply so.
     */
    public static byte[] encode(int transactionId, UnitPdu carried) {
        Wire.u16("transaction id", transactionId);
        byte[] adu = new byte[HEADER + carried.pduLength()];
        Wire.putU16(adu, 0, transactionId);
        Wire.putU16(adu, 4, carried.pduLength() + 1);
        adu[6] = (byte) carried.unitId();
        carried.writePdu(adu, HEADER);
        return adu;
    }
}
