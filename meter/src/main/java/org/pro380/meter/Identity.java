package org.pro380.meter;

import org.pro380.registers.Registers;

/**
 * What the factory sets and Modbus cannot change: serial number, meter code, versions, Imax
 * and the firmware checksum (spec section 5). Configurable in the twin.
 */
public record Identity(int serialNumber, int meterCode, double protocolVersion, double softwareVersion,
        double hardwareVersion, int meterAmps, long checksum) {

    public Identity {
        Registers.SERIAL_NUMBER.type().encode(serialNumber);
        Registers.METER_CODE.type().encode(meterCode);
        Registers.CHECKSUM.type().encode(checksum);
        if (meterAmps <= 0) {
            throw new IllegalArgumentException("meter amps must be > 0, got " + meterAmps);
        }
    }

    /** A plausible PRO380-Compact: the versions and code of the real meter the spec cites. */
    public static Identity typical() {
        return new Identity(22091039, 0x0102, 3.2, 2.18, 1.32, 45, 0x0607E329L);
    }

    public Identity withSerialNumber(int serial) {
        return new Identity(serial, meterCode, protocolVersion, softwareVersion, hardwareVersion, meterAmps, checksum);
    }
}
