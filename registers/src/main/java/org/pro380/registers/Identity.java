package org.pro380.registers;

/**
 * What the factory sets and Modbus cannot change: serial number, meter code, versions, Imax
 * and the firmware checksum (spec section 5). Configurable in the twin; read by the client.
 */
public record Identity(
        int serialNumber,
        int meterCode,
        double protocolVersion,
        double softwareVersion,
        double hardwareVersion,
        int meterAmps,
        long checksum) {

    public Identity {
        Registers.SERIAL_NUMBER.type().encode(serialNumber);
        Registers.METER_CODE.type().encode(meterCode);
        Registers.CHECKSUM.type().encode(checksum);
        Registers.METER_AMPS.type().encode(meterAmps);
        if (meterAmps <= 0) {
            throw new IllegalArgumentException("meter amps must be > 0, got " + meterAmps);
        }
    }

    /** A plausible PRO380-Compact: the versions and code of the real meter the spec cites. */
    public static Identity typical() {
        return new Identity(22091039, 0x0102, 3.2, 2.18, 1.32, 45, 0x0607E329L);
    }

    /** "22091039", zero-padded to the meter's 8 digits. */
    public String serialText() {
        return serialText(serialNumber);
    }

    /** A serial number as the meter shows it: 8 digits, zero-padded. */
    public static String serialText(int serialNumber) {
        return String.format("%08d", serialNumber);
    }

    public Identity withSerialNumber(int serial) {
        return new Identity(serial, meterCode, protocolVersion, softwareVersion, hardwareVersion, meterAmps, checksum);
    }
}
