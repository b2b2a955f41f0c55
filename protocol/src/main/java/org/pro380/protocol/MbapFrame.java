package org.pro380.protocol;

import java.util.Arrays;

/**
 * A Modbus TCP frame: the MBAP header's transaction and unit id, and the PDU.
 * <pre>
 * txid hi lo | protocol 00 00 | length hi lo | unit | PDU ...
 * 00 2a      | 00 00          | 00 06        | 01   | 03 50 0c 00 06
 * </pre>
 * Holds a copy of the PDU; equality by content.
 *
 * @param transactionId 0..0xFFFF, echoed by the server
 * @param unitId 0..255
 * @param pdu function code and data, 1..253 bytes
 */
public record MbapFrame(int transactionId, int unitId, byte[] pdu) {

  public MbapFrame {
    Wire.u16("transaction id", transactionId);
    Wire.range("unit id", unitId, 0, 0xFF);
    pdu = pdu.clone();
    Wire.range("PDU length", pdu.length, 1, Wire.MAX_PDU);
  }

  /** A copy of the PDU. */
  @Override
  public byte[] pdu() {
    return pdu.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MbapFrame f && transactionId == f.transactionId && unitId == f.unitId
        && Arrays.equals(pdu, f.pdu);
  }

  @Override
  public int hashCode() {
    return (31 * transactionId + unitId) * 31 + Arrays.hashCode(pdu);
  }

  @Override
  public String toString() {
    return "MbapFrame[transactionId=" + transactionId + ", unitId=" + unitId + ", pdu=" + Hex.format(pdu) + "]";
  }
}
