package org.pro380.registers;

import java.util.Objects;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;

/**
 * The meter's writable settings, all kept in non-volatile memory: what the twin holds and what the
 * client reads. Each value is checked by the write rule of its register, so a config file and a
 * Modbus write accept exactly the same values.
 *
 * @param unitId the Meter ID register, 1..247
 * @param modbusTariff the tariff set over Modbus (spec section 6); a 12 V tariff input overrules
 *     it, and a read of 0x6048 gives the active tariff, so a client reads the active one here
 */
public record Settings(
        int unitId, int baud, Parity parity, int lcdCycleSeconds, boolean backlight, Tariff modbusTariff) {

    public Settings {
        check(Registers.UNIT_ID, unitId);
        check(Registers.BAUD_RATE, baud);
        check(Registers.LCD_CYCLE_TIME, lcdCycleSeconds);
        if (parity == null || modbusTariff == null) {
            throw new IllegalArgumentException("parity and tariff are required");
        }
    }

    /** As the meter leaves the factory: id 1, 9600 baud, even parity, 10 s, backlight on, T1. */
    public static Settings factory() {
        LineSettings line = LineSettings.FACTORY;
        return new Settings(1, line.baud(), line.parity(), 10, true, Tariff.T1);
    }

    /** The baud and parity the meter's line runs at. */
    public LineSettings line() {
        return new LineSettings(baud, parity);
    }

    public Settings withUnitId(int v) {
        return new Settings(v, baud, parity, lcdCycleSeconds, backlight, modbusTariff);
    }

    public Settings withBaud(int v) {
        return new Settings(unitId, v, parity, lcdCycleSeconds, backlight, modbusTariff);
    }

    public Settings withParity(Parity v) {
        return new Settings(unitId, baud, v, lcdCycleSeconds, backlight, modbusTariff);
    }

    public Settings withLcdCycleSeconds(int v) {
        return new Settings(unitId, baud, parity, v, backlight, modbusTariff);
    }

    public Settings withBacklight(boolean v) {
        return new Settings(unitId, baud, parity, lcdCycleSeconds, v, modbusTariff);
    }

    public Settings withModbusTariff(Tariff v) {
        return new Settings(unitId, baud, parity, lcdCycleSeconds, backlight, v);
    }

    private static void check(Register<Integer> register, int value) {
        var rule = register.writeRule().orElseThrow();
        if (!rule.allowed().test(value)) {
            throw new IllegalArgumentException(register.key() + " must be " + rule.description() + ", got " + value);
        }
    }

    // equals and hashCode written out: a record's generated ones are an invokedynamic whose first
    // call builds method handles, 50 to 90 ms of a twin's start (docs/benchmarks.md, "Where a start goes")
    @Override
    public boolean equals(Object o) {
        return o instanceof Settings other
                && unitId == other.unitId
                && baud == other.baud
                && parity == other.parity
                && lcdCycleSeconds == other.lcdCycleSeconds
                && backlight == other.backlight
                && modbusTariff == other.modbusTariff;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unitId, baud, parity, lcdCycleSeconds, backlight, modbusTariff);
    }
}
