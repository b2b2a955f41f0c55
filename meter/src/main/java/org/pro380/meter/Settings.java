package org.pro380.meter;

import org.pro380.protocol.LineTiming;
import org.pro380.protocol.Parity;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

/**
 * The meter's writable settings, all kept in non-volatile memory. Each value is checked by the
 * write rule of its register, so a config file and a Modbus write accept exactly the same values.
 */
public record Settings(int unitId, int baud, Parity parity, int lcdCycleSeconds, boolean backlight,
        Tariff modbusTariff) {

    public Settings {
        check(Registers.METER_ID, unitId);
        check(Registers.BAUD_RATE, baud);
        check(Registers.LCD_CYCLE_TIME, lcdCycleSeconds);
        if (parity == null || modbusTariff == null) {
            throw new IllegalArgumentException("parity and tariff are required");
        }
    }

    /** As the meter leaves the factory: id 1, 9600 baud, even parity, 10 s, backlight on, T1. */
    public static Settings factory() {
        return new Settings(1, 9600, Parity.EVEN, 10, true, Tariff.T1);
    }

    public LineTiming lineTiming() {
        return new LineTiming(baud, parity);
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
}
