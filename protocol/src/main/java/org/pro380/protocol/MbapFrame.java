package org.pro380.protocol;

/**
 * A Modbus TCP frame: the MBAP header's transaction id, and the unit id and PDU it carries.
 * <pre>
 * txid hi lo | protocol 00 00 | length hi lo | unit | PDU ...
 * 00 2a      | 00 00          | 00 06        | 01   | 03 50 0c 00 06
 * </pre>
 *
 * @param transactionId 0..0xFFFF, echoed by the server
 * @param carried the unit id (0..255) and the PDU (1..253 bytes)
 */
public record MbapFrame(int transactionId, UnitPdu carried) {

    public MbapFrame {
        Wire.u16("transaction id", transactionId);
    }

    public MbapFrame(int transactionId, int unitId, byte[] pdu) {
        this(transactionId, new UnitPdu(unitId, pdu));
    }

    public int unitId() {
        return carried.unitId();
    }

    /** A copy of the PDU. */
    public byte[] pdu() {
        return carried.pdu();
    }

    @Override
    public String toString() {
        return "MbapFrame[transactionId=" + transactionId + ", unitId=" + unitId() + ", pdu=" + Hex.format(pdu()) + "]";
    }
}
