package org.pro380.protocol;

import java.util.Arrays;

/**
 * A PDU and the unit id it goes to or comes from: what an RTU frame carries once its CRC is
 * checked and stripped, what an MBAP frame carries beside its transaction id, what a meter on a
 * bus answers. The one such pair of the project, for the twin and the client alike.
 * <pre>
 * unit | PDU ...           | (CRC lo hi, checked and stripped)
 * 01   | 03 50 0c 00 06    | 14 cb
 * </pre>
 * Immutable: holds its own copy of the PDU ({@link #taking} takes a new array as its own, for the
 * framers and the bus, which make one for every frame); equality by content.
 */
public final class UnitPdu {

    private final int unitId;
    private final byte[] pdu;

    /**
     * @param unitId 0..255 (0 is broadcast; the server filters by unit; 255 a gateway itself)
     * @param pdu function code and data, 1..253 bytes (copied)
     */
    public UnitPdu(int unitId, byte[] pdu) {
        this(pdu.clone(), unitId);
    }

    /** Keeps {@code own} itself. */
    private UnitPdu(byte[] own, int unitId) {
        Wire.range("unit id", unitId, 0, 0xFF);
        Wire.range("PDU length", own.length, 1, Wire.MAX_PDU);
        this.unitId = unitId;
        this.pdu = own;
    }

    /**
     * As the constructor, but {@code pdu} becomes this one's without a copy: for an array just
     * made, that its maker neither changes nor hands on afterwards.
     */
    public static UnitPdu taking(int unitId, byte[] pdu) {
        return new UnitPdu(pdu, unitId);
    }

    /** 0..255. */
    public int unitId() {
        return unitId;
    }

    /** A copy of the PDU. */
    public byte[] pdu() {
        return pdu.clone();
    }

    /** The PDU's length in bytes, 1..253. */
    public int pduLength() {
        return pdu.length;
    }

    /** Writes the PDU into {@code frame} from {@code at}: a codec's frame without a copy of it first. */
    public void writePdu(byte[] frame, int at) {
        System.arraycopy(pdu, 0, frame, at, pdu.length);
    }

    /** The function code, the first byte of the PDU, 0..255. */
    public int functionCode() {
        return pdu[0] & 0xFF;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnitPdu f && unitId == f.unitId && Arrays.equals(pdu, f.pdu);
    }

    @Override
    public int hashCode() {
        return 31 * unitId + Arrays.hashCode(pdu);
    }

    @Override
    public String toString() {
        return "UnitPdu[unitId=" + unitId + ", pdu=" + Hex.format(pdu) + "]";
    }
}
