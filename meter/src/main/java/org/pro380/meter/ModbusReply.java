package org.pro380.meter;

/** A reply PDU and the unit id it goes out with. */
public record ModbusReply(int unitId, byte[] pdu) {
}
