package org.pro380.client;

/**
 * Who the meter is: the read-only identity registers and the status word.
 *
 * @param serialNumber 8 digits, e.g. 22091039
 * @param meterCode model code, e.g. 0x0102
 * @param meterAmps Imax, e.g. 45
 * @param checksum firmware CRC, e.g. 0x0607E329
 * @param statusWord the active status word
 */
public record Identity(int serialNumber, int meterCode, double protocolVersion, double softwareVersion,
        double hardwareVersion, int meterAmps, long checksum, long statusWord) {

    /** "22091039", zero-padded to the meter's 8 digits. */
    public String serialText() {
        return String.format("%08d", serialNumber);
    }
}
