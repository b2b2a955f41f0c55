package org.pro380.protocol;

import java.util.Arrays;

/**
 * An RTU frame whose CRC has been checked, without the CRC.
 * <pre>
 * unit | PDU ...           | (CRC lo hi, checked and stripped)
 * 01   | 03 50 0c 00 06    | 14 cb
 * </pre>
 * Holds a copy of the PDU; equality by content.
 *
 * @param unitId 0..255 (0 is broadcast; the server filters by unit)
 * @param pdu function code and data, 1..253 bytes
 */
public record RtuFrame(int unitId, byte[] pdu) {

  public RtuFrame {
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
    return o instanceof RtuFrame f && unitId == f.unitId && Arrays.equals(pdu, f.pdu);
  }

  @Override
  public int hashCode() {
    return 31 * unitId + Arrays.hashCode(pdu);
  }

  @Override
  public String toString() {
    return "RtuFrame[unitId=" + unitId + ", pdu=" + Hex.format(pdu) + "]";
  }
}
