package org.pro380.client;

import org.pro380.protocol.Parity;
import org.pro380.registers.Tariff;

/**
 * The meter's writable settings as read.
 *
 * @param meterId unit id, 1..247
 * @param baudRate 300..9600
 * @param lcdCycleTime seconds each LCD page shows, 1..30
 * @param powerCounter power-on count since the last reset
 * @param backlight whether the backlight is on
 * @param tariff the active tariff
 */
public record Settings(int meterId, int baudRate, Parity parity, int lcdCycleTime, int powerCounter,
        boolean backlight, Tariff tariff) {

    public LineSettings line() {
        return new LineSettings(baudRate, parity);
    }
}
