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
 * Holds a copy of the PDU; equality by content.
 *
 * @param unitId 0..255 (0 is broadcast; the server filters by unit; 255 a gateway itself)
 * @param pdu function code and data, 1..253 bytes
 */
public record UnitPdu(int unitId, byte[] pdu) {

    public UnitPdu {
        Wire.range("unit id", unitId, 0, 0xFF);
        pdu = pdu.clone();
        Wire.range("PDU length", pdu.length, 1, Wire.MAX_PDU);
    }

    /** A copy of the PDU. */
    @Override
    public byte[] pdu() {
        return pdu.clone();
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
