package org.pro380.protocol;

/**
 * Builds RTU frames for the wire: unit id, PDU, CRC16 low byte first.
 * <pre>
 * encode(1, 03 50 0c 00 06)  ->  01 03 50 0c 00 06 14 cb
 * </pre>
 * Decoding is done by {@link RtuFramer}.
 */
public final class RtuCodec {
    /** Largest RTU frame: unit + 253-byte PDU + CRC. */
    public static final int MAX_ADU = 256;

    private RtuCodec() {}

    /** The frame for {@code pdu} (1..253 bytes) to unit {@code unitId} (0..255), CRC appended. */
    public static byte[] encode(int unitId, byte[] pdu) {
        return encode(UnitPdu.taking(unitId, pdu)); // read here, not kept: no copy needed
    }

    /** The frame for an {@link UnitPdu}. */
    public static byte[] encode(UnitPdu carried) {
        byte[] frame = new byte[carried.pduLength() + 3];
        frame[0] = (byte) carried.unitId();
        carried.writePdu(frame, 1);
        int crc = Crc16.of(frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) crc;
        frame[frame.length - 1] = (byte) (crc >>> 8);
        return frame;
    }
}
