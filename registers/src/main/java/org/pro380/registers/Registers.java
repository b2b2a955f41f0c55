package org.pro380.registers;

import static org.pro380.registers.DataType.ASCII2;
import static org.pro380.registers.DataType.BCD16;
import static org.pro380.registers.DataType.BCD32;
import static org.pro380.registers.DataType.F32;
import static org.pro380.registers.DataType.HEX32;
import static org.pro380.registers.DataType.U16;
import static org.pro380.registers.Meaning.EnergyKind.ACTIVE;
import static org.pro380.registers.Meaning.EnergyKind.REACTIVE;
import static org.pro380.registers.Meaning.Flow.FORWARD;
import static org.pro380.registers.Meaning.Flow.REVERSE;
import static org.pro380.registers.Meaning.Flow.TOTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Quantity;

/**
 * The PRO380-Compact register map (spec section 5): the one list of addresses in the project,
 * shared by the twin, the client, the docs and the tests. Addresses are written as in the
 * manual; every address of a block that no register covers is reserved and reads 0.
 */
public final class Registers {

    private static final List<Register<?>> DECLARED = new ArrayList<>();

    // Identity and settings, block 0x4000-0x4021
    public static final Register<Integer> SERIAL_NUMBER =
            setting(0x4000, "serial-number", "Serial number", BCD32, Field.SERIAL_NUMBER);
    public static final Register<Integer> METER_CODE =
            setting(0x4002, "meter-code", "Meter code", U16, Field.METER_CODE);
    public static final Register<Integer> UNIT_ID =
            setting(0x4003, "meter-id", "Meter ID", U16, Field.UNIT_ID, WriteRule.range(UnitId.FIRST, UnitId.LAST));
    public static final Register<Integer> BAUD_RATE = setting(
            0x4004,
            "baud-rate",
            "Baud rate",
            U16,
            Field.BAUD_RATE,
            WriteRule.oneOf("300, 600, 1200, 2400, 4800 or 9600", 300, 600, 1200, 2400, 4800, 9600));
    public static final Register<Double> PROTOCOL_VERSION =
            setting(0x4005, "protocol-version", "Protocol version", F32, Field.PROTOCOL_VERSION);
    public static final Register<Double> SOFTWARE_VERSION =
            setting(0x4007, "software-version", "Software version", F32, Field.SOFTWARE_VERSION);
    public static final Register<Double> HARDWARE_VERSION =
            setting(0x4009, "hardware-version", "Hardware version", F32, Field.HARDWARE_VERSION);
    public static final Register<Integer> METER_AMPS = register(
            0x400B,
            "meter-amps",
            "Meter amps",
            U16,
            Unit.AMPERE,
            new Meaning.Setting(Field.METER_AMPS),
            Optional.empty());
    public static final Register<Integer> LCD_CYCLE_TIME = register(
            0x4010,
            "lcd-cycle-time",
            "LCD cycle time",
            BCD16,
            Unit.SECOND,
            new Meaning.Setting(Field.LCD_CYCLE_TIME),
            Optional.of(WriteRule.range(1, 30)));
    public static final Register<Integer> PARITY = coded(0x4011, "parity", "Parity", Field.PARITY, Code.PARITY);
    public static final Register<String> DIRECTION_L1 = measured(
            0x4012, "direction-l1", "Current direction L1", ASCII2, Unit.NONE, Quantity.DIRECTION, PhaseScope.L1);
    public static final Register<String> DIRECTION_L2 = measured(
            0x4013, "direction-l2", "Current direction L2", ASCII2, Unit.NONE, Quantity.DIRECTION, PhaseScope.L2);
    public static final Register<String> DIRECTION_L3 = measured(
            0x4014, "direction-l3", "Current direction L3", ASCII2, Unit.NONE, Quantity.DIRECTION, PhaseScope.L3);
    public static final Register<Integer> ERROR_CODE =
            setting(0x4015, "error-code", "Error code", U16, Field.ERROR_CODE);
    public static final Register<Integer> POWER_COUNTER = setting(
            0x4016, "power-counter", "Power on/off counter", U16, Field.POWER_COUNTER, WriteRule.oneOf("0 (reset)", 0));
    public static final Register<Integer> QUADRANT =
            measured(0x4017, "quadrant", "Present quadrant", U16, Unit.NONE, Quantity.QUADRANT, PhaseScope.TOTAL);
    public static final Register<Integer> QUADRANT_L1 =
            measured(0x4018, "quadrant-l1", "Quadrant L1", U16, Unit.NONE, Quantity.QUADRANT, PhaseScope.L1);
    public static final Register<Integer> QUADRANT_L2 =
            measured(0x4019, "quadrant-l2", "Quadrant L2", U16, Unit.NONE, Quantity.QUADRANT, PhaseScope.L2);
    public static final Register<Integer> QUADRANT_L3 =
            measured(0x401A, "quadrant-l3", "Quadrant L3", U16, Unit.NONE, Quantity.QUADRANT, PhaseScope.L3);
    public static final Register<Long> CHECKSUM = setting(0x401B, "checksum", "Checksum", HEX32, Field.CHECKSUM);
    public static final Register<Long> STATUS_WORD =
            setting(0x401D, "status-word", "Active status word", HEX32, Field.STATUS_WORD);
    public static final Register<Integer> BACKLIGHT =
            coded(0x4021, "backlight", "Backlight", Field.BACKLIGHT, Code.BACKLIGHT);

    // Instantaneous values, block 0x5000-0x5031
    public static final Register<Double> VOLTAGE_L1 =
            measured(0x5002, "voltage-l1", "L1 voltage", F32, Unit.VOLT, Quantity.VOLTAGE, PhaseScope.L1);
    public static final Register<Double> VOLTAGE_L2 =
            measured(0x5004, "voltage-l2", "L2 voltage", F32, Unit.VOLT, Quantity.VOLTAGE, PhaseScope.L2);
    public static final Register<Double> VOLTAGE_L3 =
            measured(0x5006, "voltage-l3", "L3 voltage", F32, Unit.VOLT, Quantity.VOLTAGE, PhaseScope.L3);
    public static final Register<Double> FREQUENCY =
            measured(0x5008, "frequency", "Grid frequency", F32, Unit.HERTZ, Quantity.FREQUENCY, PhaseScope.TOTAL);
    public static final Register<Double> CURRENT_L1 =
            measured(0x500C, "current-l1", "L1 current", F32, Unit.AMPERE, Quantity.CURRENT, PhaseScope.L1);
    public static final Register<Double> CURRENT_L2 =
            measured(0x500E, "current-l2", "L2 current", F32, Unit.AMPERE, Quantity.CURRENT, PhaseScope.L2);
    public static final Register<Double> CURRENT_L3 =
            measured(0x5010, "current-l3", "L3 current", F32, Unit.AMPERE, Quantity.CURRENT, PhaseScope.L3);
    public static final Register<Double> ACTIVE_POWER = measured(
            0x5012, "active-power", "Total active power", F32, Unit.KILOWATT, Quantity.ACTIVE_POWER, PhaseScope.TOTAL);
    public static final Register<Double> ACTIVE_POWER_L1 = measured(
            0x5014, "active-power-l1", "L1 active power", F32, Unit.KILOWATT, Quantity.ACTIVE_POWER, PhaseScope.L1);
    public static final Register<Double> ACTIVE_POWER_L2 = measured(
            0x5016, "active-power-l2", "L2 active power", F32, Unit.KILOWATT, Quantity.ACTIVE_POWER, PhaseScope.L2);
    public static final Register<Double> ACTIVE_POWER_L3 = measured(
            0x5018, "active-power-l3", "L3 active power", F32, Unit.KILOWATT, Quantity.ACTIVE_POWER, PhaseScope.L3);
    public static final Register<Double> REACTIVE_POWER = measured(
            0x501A,
            "reactive-power",
            "Total reactive power",
            F32,
            Unit.KILOVAR,
            Quantity.REACTIVE_POWER,
            PhaseScope.TOTAL);
    public static final Register<Double> REACTIVE_POWER_L1 = measured(
            0x501C,
            "reactive-power-l1",
            "L1 reactive power",
            F32,
            Unit.KILOVAR,
            Quantity.REACTIVE_POWER,
            PhaseScope.L1);
    public static final Register<Double> REACTIVE_POWER_L2 = measured(
            0x501E,
            "reactive-power-l2",
            "L2 reactive power",
            F32,
            Unit.KILOVAR,
            Quantity.REACTIVE_POWER,
            PhaseScope.L2);
    public static final Register<Double> REACTIVE_POWER_L3 = measured(
            0x5020,
            "reactive-power-l3",
            "L3 reactive power",
            F32,
            Unit.KILOVAR,
            Quantity.REACTIVE_POWER,
            PhaseScope.L3);
    public static final Register<Double> APPARENT_POWER = measured(
            0x5022,
            "apparent-power",
            "Total apparent power",
            F32,
            Unit.KILOVOLT_AMPERE,
            Quantity.APPARENT_POWER,
            PhaseScope.TOTAL);
    public static final Register<Double> APPARENT_POWER_L1 = measured(
            0x5024,
            "apparent-power-l1",
            "L1 apparent power",
            F32,
            Unit.KILOVOLT_AMPERE,
            Quantity.APPARENT_POWER,
            PhaseScope.L1);
    public static final Register<Double> APPARENT_POWER_L2 = measured(
            0x5026,
            "apparent-power-l2",
            "L2 apparent power",
            F32,
            Unit.KILOVOLT_AMPERE,
            Quantity.APPARENT_POWER,
            PhaseScope.L2);
    public static final Register<Double> APPARENT_POWER_L3 = measured(
            0x5028,
            "apparent-power-l3",
            "L3 apparent power",
            F32,
            Unit.KILOVOLT_AMPERE,
            Quantity.APPARENT_POWER,
            PhaseScope.L3);
    public static final Register<Double> POWER_FACTOR = measured(
            0x502A, "power-factor", "Total power factor", F32, Unit.NONE, Quantity.POWER_FACTOR, PhaseScope.TOTAL);
    public static final Register<Double> POWER_FACTOR_L1 = measured(
            0x502C, "power-factor-l1", "L1 power factor", F32, Unit.NONE, Quantity.POWER_FACTOR, PhaseScope.L1);
    public static final Register<Double> POWER_FACTOR_L2 = measured(
            0x502E, "power-factor-l2", "L2 power factor", F32, Unit.NONE, Quantity.POWER_FACTOR, PhaseScope.L2);
    public static final Register<Double> POWER_FACTOR_L3 = measured(
            0x5030, "power-factor-l3", "L3 power factor", F32, Unit.NONE, Quantity.POWER_FACTOR, PhaseScope.L3);

    // Energy, block 0x6000-0x6057
    public static final Register<Double> ACTIVE_ENERGY =
            energy(0x6000, "active-energy", "Total active energy", ACTIVE, TOTAL, EnergyScope.ALL);
    public static final Register<Double> ACTIVE_ENERGY_T1 =
            energy(0x6002, "active-energy-t1", "Total active energy T1", ACTIVE, TOTAL, EnergyScope.T1);
    public static final Register<Double> ACTIVE_ENERGY_T2 =
            energy(0x6004, "active-energy-t2", "Total active energy T2", ACTIVE, TOTAL, EnergyScope.T2);
    public static final Register<Double> ACTIVE_ENERGY_L1 =
            energy(0x6006, "active-energy-l1", "Total active energy L1", ACTIVE, TOTAL, EnergyScope.L1);
    public static final Register<Double> ACTIVE_ENERGY_L2 =
            energy(0x6008, "active-energy-l2", "Total active energy L2", ACTIVE, TOTAL, EnergyScope.L2);
    public static final Register<Double> ACTIVE_ENERGY_L3 =
            energy(0x600A, "active-energy-l3", "Total active energy L3", ACTIVE, TOTAL, EnergyScope.L3);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY =
            energy(0x600C, "forward-active-energy", "Forward active energy", ACTIVE, FORWARD, EnergyScope.ALL);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_T1 =
            energy(0x600E, "forward-active-energy-t1", "Forward active energy T1", ACTIVE, FORWARD, EnergyScope.T1);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_T2 =
            energy(0x6010, "forward-active-energy-t2", "Forward active energy T2", ACTIVE, FORWARD, EnergyScope.T2);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_L1 =
            energy(0x6012, "forward-active-energy-l1", "Forward active energy L1", ACTIVE, FORWARD, EnergyScope.L1);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_L2 =
            energy(0x6014, "forward-active-energy-l2", "Forward active energy L2", ACTIVE, FORWARD, EnergyScope.L2);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_L3 =
            energy(0x6016, "forward-active-energy-l3", "Forward active energy L3", ACTIVE, FORWARD, EnergyScope.L3);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY =
            energy(0x6018, "reverse-active-energy", "Reverse active energy", ACTIVE, REVERSE, EnergyScope.ALL);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_T1 =
            energy(0x601A, "reverse-active-energy-t1", "Reverse active energy T1", ACTIVE, REVERSE, EnergyScope.T1);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_T2 =
            energy(0x601C, "reverse-active-energy-t2", "Reverse active energy T2", ACTIVE, REVERSE, EnergyScope.T2);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_L1 =
            energy(0x601E, "reverse-active-energy-l1", "Reverse active energy L1", ACTIVE, REVERSE, EnergyScope.L1);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_L2 =
            energy(0x6020, "reverse-active-energy-l2", "Reverse active energy L2", ACTIVE, REVERSE, EnergyScope.L2);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_L3 =
            energy(0x6022, "reverse-active-energy-l3", "Reverse active energy L3", ACTIVE, REVERSE, EnergyScope.L3);
    public static final Register<Double> REACTIVE_ENERGY =
            energy(0x6024, "reactive-energy", "Total reactive energy", REACTIVE, TOTAL, EnergyScope.ALL);
    public static final Register<Double> REACTIVE_ENERGY_T1 =
            energy(0x6026, "reactive-energy-t1", "Total reactive energy T1", REACTIVE, TOTAL, EnergyScope.T1);
    public static final Register<Double> REACTIVE_ENERGY_T2 =
            energy(0x6028, "reactive-energy-t2", "Total reactive energy T2", REACTIVE, TOTAL, EnergyScope.T2);
    public static final Register<Double> REACTIVE_ENERGY_L1 =
            energy(0x602A, "reactive-energy-l1", "Total reactive energy L1", REACTIVE, TOTAL, EnergyScope.L1);
    public static final Register<Double> REACTIVE_ENERGY_L2 =
            energy(0x602C, "reactive-energy-l2", "Total reactive energy L2", REACTIVE, TOTAL, EnergyScope.L2);
    public static final Register<Double> REACTIVE_ENERGY_L3 =
            energy(0x602E, "reactive-energy-l3", "Total reactive energy L3", REACTIVE, TOTAL, EnergyScope.L3);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY =
            energy(0x6030, "forward-reactive-energy", "Forward reactive energy", REACTIVE, FORWARD, EnergyScope.ALL);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_T1 = energy(
            0x6032, "forward-reactive-energy-t1", "Forward reactive energy T1", REACTIVE, FORWARD, EnergyScope.T1);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_T2 = energy(
            0x6034, "forward-reactive-energy-t2", "Forward reactive energy T2", REACTIVE, FORWARD, EnergyScope.T2);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_L1 = energy(
            0x6036, "forward-reactive-energy-l1", "Forward reactive energy L1", REACTIVE, FORWARD, EnergyScope.L1);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_L2 = energy(
            0x6038, "forward-reactive-energy-l2", "Forward reactive energy L2", REACTIVE, FORWARD, EnergyScope.L2);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_L3 = energy(
            0x603A, "forward-reactive-energy-l3", "Forward reactive energy L3", REACTIVE, FORWARD, EnergyScope.L3);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY =
            energy(0x603C, "reverse-reactive-energy", "Reverse reactive energy", REACTIVE, REVERSE, EnergyScope.ALL);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_T1 = energy(
            0x603E, "reverse-reactive-energy-t1", "Reverse reactive energy T1", REACTIVE, REVERSE, EnergyScope.T1);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_T2 = energy(
            0x6040, "reverse-reactive-energy-t2", "Reverse reactive energy T2", REACTIVE, REVERSE, EnergyScope.T2);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_L1 = energy(
            0x6042, "reverse-reactive-energy-l1", "Reverse reactive energy L1", REACTIVE, REVERSE, EnergyScope.L1);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_L2 = energy(
            0x6044, "reverse-reactive-energy-l2", "Reverse reactive energy L2", REACTIVE, REVERSE, EnergyScope.L2);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_L3 = energy(
            0x6046, "reverse-reactive-energy-l3", "Reverse reactive energy L3", REACTIVE, REVERSE, EnergyScope.L3);
    public static final Register<Integer> TARIFF = register(
            0x6048,
            "tariff",
            "Tariff",
            U16,
            Unit.NONE,
            new Meaning.Setting(Field.TARIFF),
            Optional.of(WriteRule.range(1, Tariff.values().length)),
            Optional.of(Code.TARIFF));
    public static final Register<Double> ACTIVE_ENERGY_T3 =
            energy(0x604C, "active-energy-t3", "T3 total active energy", ACTIVE, TOTAL, EnergyScope.T3);
    public static final Register<Double> FORWARD_ACTIVE_ENERGY_T3 =
            energy(0x604E, "forward-active-energy-t3", "T3 forward active energy", ACTIVE, FORWARD, EnergyScope.T3);
    public static final Register<Double> REVERSE_ACTIVE_ENERGY_T3 =
            energy(0x6050, "reverse-active-energy-t3", "T3 reverse active energy", ACTIVE, REVERSE, EnergyScope.T3);
    public static final Register<Double> REACTIVE_ENERGY_T3 =
            energy(0x6052, "reactive-energy-t3", "T3 total reactive energy", REACTIVE, TOTAL, EnergyScope.T3);
    public static final Register<Double> FORWARD_REACTIVE_ENERGY_T3 = energy(
            0x6054, "forward-reactive-energy-t3", "T3 forward reactive energy", REACTIVE, FORWARD, EnergyScope.T3);
    public static final Register<Double> REVERSE_REACTIVE_ENERGY_T3 = energy(
            0x6056, "reverse-reactive-energy-t3", "T3 reverse reactive energy", REACTIVE, REVERSE, EnergyScope.T3);

    /**
     * Other names of registers, accepted wherever a key is (the command line, the control API):
     * the short names {@code pro380 set} has always used.
     */
    private static final Map<String, Register<?>> ALIASES = Map.of(
            "id", UNIT_ID,
            "unit-id", UNIT_ID,
            "baud", BAUD_RATE,
            "lcd-cycle", LCD_CYCLE_TIME);

    /**
     * The whole map, checked when built: every register inside one block, none overlapping, keys
     * unique, no alias shadowing a key.
     */
    public static final RegisterMap MAP = new RegisterMap(DECLARED, ALIASES);

    private Registers() {}

    private static <T> Register<T> register(
            int address,
            String key,
            String name,
            DataType<T> type,
            Unit unit,
            Meaning meaning,
            Optional<WriteRule> rule) {
        return register(address, key, name, type, unit, meaning, rule, Optional.empty());
    }

    private static <T> Register<T> register(
            int address,
            String key,
            String name,
            DataType<T> type,
            Unit unit,
            Meaning meaning,
            Optional<WriteRule> rule,
            Optional<Code<?>> code) {
        Register<T> r = new Register<>(address, key, name, type, unit, meaning, rule, code);
        DECLARED.add(r);
        return r;
    }

    /** A writable u16 that holds a code: its legal values are the code's. */
    private static Register<Integer> coded(int address, String key, String name, Field field, Code<?> code) {
        return register(
                address,
                key,
                name,
                U16,
                Unit.NONE,
                new Meaning.Setting(field),
                Optional.of(code.writeRule()),
                Optional.of(code));
    }

    private static <T> Register<T> setting(int address, String key, String name, DataType<T> type, Field field) {
        return register(address, key, name, type, Unit.NONE, new Meaning.Setting(field), Optional.empty());
    }

    private static Register<Integer> setting(
            int address, String key, String name, DataType<Integer> type, Field field, WriteRule rule) {
        return register(address, key, name, type, Unit.NONE, new Meaning.Setting(field), Optional.of(rule));
    }

    private static <T> Register<T> measured(
            int address, String key, String name, DataType<T> type, Unit unit, Quantity quantity, PhaseScope scope) {
        return register(address, key, name, type, unit, new Meaning.Measured(quantity, scope), Optional.empty());
    }

    private static Register<Double> energy(
            int address, String key, String name, EnergyKind kind, Flow flow, EnergyScope scope) {
        Unit unit = kind == ACTIVE ? Unit.KILOWATT_HOUR : Unit.KILOVAR_HOUR;
        return register(address, key, name, F32, unit, new Meaning.Energy(kind, flow, scope), Optional.empty());
    }
}
