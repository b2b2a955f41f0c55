package org.pro380.bridge.mqtt;

import java.util.Optional;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.Quantity;
import org.pro380.registers.Register;
import org.pro380.registers.Unit;

/**
 * How Home Assistant is told what a register holds: its sensor device class, the unit Home
 * Assistant accepts for that class, the state class for its statistics, and the factor from the
 * register's unit to that unit (kvar and kVA are published in the meter's units and shown in
 * var and VA, the units every Home Assistant release accepts for those classes).
 */
record SensorClass(Optional<String> deviceClass, Optional<String> unit, Optional<String> stateClass, int factor) {

    static final String MEASUREMENT = "measurement";
    static final String TOTAL_INCREASING = "total_increasing";

    static SensorClass of(Register<?> register) {
        Meaning meaning = register.meaning();
        if (meaning instanceof Meaning.Energy) {
            return counter(register.unit());
        }
        if (meaning instanceof Meaning.Measured m && register.type().javaType() != String.class) {
            return m.quantity() == Quantity.POWER_FACTOR
                    ? new SensorClass(Optional.of("power_factor"), Optional.empty(), Optional.of(MEASUREMENT), 1)
                    : measured(register.unit());
        }
        return setting(register.unit());
    }

    /** Energy counters: they only grow (spec section 9). */
    private static SensorClass counter(Unit unit) {
        String deviceClass = unit == Unit.KILOVAR_HOUR ? "reactive_energy" : "energy";
        return new SensorClass(Optional.of(deviceClass), Optional.of(unit.symbol()), Optional.of(TOTAL_INCREASING), 1);
    }

    private static SensorClass measured(Unit unit) {
        return switch (unit) {
            case VOLT -> measurement("voltage", unit.symbol(), 1);
            case HERTZ -> measurement("frequency", unit.symbol(), 1);
            case AMPERE -> measurement("current", unit.symbol(), 1);
            case KILOWATT -> measurement("power", unit.symbol(), 1);
            case KILOVAR -> measurement("reactive_power", "var", 1000);
            case KILOVOLT_AMPERE -> measurement("apparent_power", "VA", 1000);
            default -> new SensorClass(Optional.empty(), Optional.empty(), Optional.of(MEASUREMENT), 1); // quadrant
        };
    }

    /** Identity and settings: diagnostic values without statistics. */
    private static SensorClass setting(Unit unit) {
        return switch (unit) {
            case AMPERE -> new SensorClass(Optional.of("current"), Optional.of(unit.symbol()), Optional.empty(), 1);
            case SECOND -> new SensorClass(Optional.of("duration"), Optional.of(unit.symbol()), Optional.empty(), 1);
            default -> new SensorClass(Optional.empty(), Optional.empty(), Optional.empty(), 1);
        };
    }

    private static SensorClass measurement(String deviceClass, String unit, int factor) {
        return new SensorClass(Optional.of(deviceClass), Optional.of(unit), Optional.of(MEASUREMENT), factor);
    }
}
