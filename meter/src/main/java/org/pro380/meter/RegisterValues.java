package org.pro380.meter;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Block;
import org.pro380.registers.Code;
import org.pro380.registers.DataType;
import org.pro380.registers.Identity;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.Energy;
import org.pro380.registers.Meaning.Measured;
import org.pro380.registers.Meaning.PhaseScope;
import org.pro380.registers.Meaning.Setting;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * Every register's value from the meter's parts at one moment (spec sections 3, 4, 9, 10): the
 * one place that says which value a register holds. Reads the parts as given, without copying,
 * so whoever builds it keeps them still meanwhile ({@link Meter#read} holds the meter's lock,
 * {@link MeterReading} owns copies). A Modbus read is answered from here with no allocation but
 * its result: measured values and counters go to their words without boxing.
 */
final class RegisterValues {

    private static final Phase[] PHASES = Phase.values();

    private final Identity identity;
    private final Settings settings;
    private final Measurements measurements;
    private final EnergyCounters counters;
    private final Tariff activeTariff;
    private final TariffInput tariffInput;
    private final int powerCounter;
    private final Optional<StorageError> storageError;
    private final MemoryStatus memory;

    RegisterValues(
            Identity identity,
            Settings settings,
            Measurements measurements,
            EnergyCounters counters,
            Tariff activeTariff,
            TariffInput tariffInput,
            int powerCounter,
            Optional<StorageError> storageError,
            MemoryStatus memory) {
        this.identity = identity;
        this.settings = settings;
        this.measurements = measurements;
        this.counters = counters;
        this.activeTariff = activeTariff;
        this.tariffInput = tariffInput;
        this.powerCounter = powerCounter;
        this.storageError = storageError;
        this.memory = memory;
    }

    /** These values as a {@link MeterReading} at {@code time} (which copies the counters). */
    MeterReading reading(Instant time, boolean powered, long millisIntoLcdCycle, boolean tariffLedLit) {
        return new MeterReading(
                time,
                powered,
                identity,
                settings,
                measurements,
                counters,
                activeTariff,
                tariffInput,
                powerCounter,
                storageError,
                memory,
                millisIntoLcdCycle,
                tariffLedLit);
    }

    long statusWord() {
        return StatusWord.of(
                powerCounter,
                storageError,
                memory,
                settings.backlight(),
                activeTariff,
                tariffInput,
                measurements.flow());
    }

    /** The decoded value of a register, as {@link Register#type()} encodes it. */
    Object value(Register<?> register) {
        Meaning meaning = register.meaning();
        if (meaning instanceof Setting s) {
            return setting(s.field());
        }
        if (meaning instanceof Measured m) {
            return switch (m.quantity()) {
                case DIRECTION -> phase(m.scope()).direction();
                case QUADRANT ->
                    m.scope() == PhaseScope.TOTAL
                            ? measurements.quadrant()
                            : phase(m.scope()).quadrant();
                default -> measuredNumber(m);
            };
        }
        return energyNumber((Energy) meaning);
    }

    /**
     * The raw registers of a read: it must lie wholly inside one block; reserved addresses read
     * 0; a read may start or end in the middle of a 32-bit value.
     */
    int[] words(int address, int quantity) throws RegisterAccessException {
        byte[] bytes = new byte[2 * quantity];
        words(address, quantity, bytes, 0);
        int[] words = new int[quantity];
        for (int i = 0; i < quantity; i++) {
            words[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        return words;
    }

    /**
     * The registers of a read as {@link #words(int, int)} has them, written into {@code out}
     * from {@code at} as they go on the wire (two bytes a word, high byte first): a Modbus read
     * is answered so, with no allocation but its reply. {@code out} is left as it was if the read
     * is refused.
     */
    void words(int address, int quantity, byte[] out, int at) throws RegisterAccessException {
        Block block = Block.containing(address)
                .filter(b -> b.contains(address, quantity))
                .orElse(null);
        if (block == null) {
            throw new RegisterAccessException(
                    ExceptionCode.ILLEGAL_DATA_ADDRESS,
                    String.format("read of %d registers at 0x%04X leaves the register blocks", quantity, address));
        }
        if (block == Block.ENERGY
                && storageError.isPresent()
                && storageError.get().energyUnknown()) {
            throw new RegisterAccessException(
                    ExceptionCode.SERVER_DEVICE_FAILURE,
                    "energy counters unknown: " + storageError.get().lcdText());
        }
        Arrays.fill(out, at, at + 2 * quantity, (byte) 0); // reserved addresses
        int end = address + quantity;
        List<Register<?>> registers = Registers.MAP.in(block);
        for (int i = 0; i < registers.size(); i++) {
            Register<?> r = registers.get(i);
            if (r.address() >= address && r.lastAddress() < end) {
                put(r, out, at + 2 * (r.address() - address));
            } else if (r.lastAddress() >= address && r.address() < end) {
                byte[] whole = new byte[2 * r.words()]; // a read that cuts a 32-bit value: rare
                put(r, whole, 0);
                System.arraycopy(
                        whole,
                        2 * Math.max(0, address - r.address()),
                        out,
                        at + 2 * Math.max(0, r.address() - address),
                        2 * (Math.min(end, r.lastAddress() + 1) - Math.max(address, r.address())));
            }
        }
    }

    private void put(Register<?> r, byte[] out, int at) {
        Meaning meaning = r.meaning();
        if (r.type() == DataType.F32 && meaning instanceof Energy e) {
            DataType.putF32(energyNumber(e), out, at);
        } else if (r.type() == DataType.F32 && meaning instanceof Measured m) {
            DataType.putF32(measuredNumber(m), out, at);
        } else {
            putBoxed(r, out, at);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void putBoxed(Register<T> r, byte[] out, int at) {
        r.type().put((T) value(r), out, at);
    }

    private double energyNumber(Energy e) {
        return counters.milli(e.kind(), e.flow(), e.scope()) / 1e6;
    }

    private PhaseMeasurement phase(PhaseScope scope) {
        return measurements.phase(PHASES[scope.ordinal() - 1]);
    }

    private double measuredNumber(Measured m) {
        PhaseScope scope = m.scope();
        if (scope == PhaseScope.TOTAL) {
            return switch (m.quantity()) {
                case FREQUENCY -> measurements.frequency();
                case ACTIVE_POWER -> measurements.activePower();
                case REACTIVE_POWER -> measurements.reactivePower();
                case APPARENT_POWER -> measurements.apparentPower();
                case POWER_FACTOR -> measurements.powerFactor();
                default -> throw new IllegalStateException(m + " has no total");
            };
        }
        PhaseMeasurement p = phase(scope);
        return switch (m.quantity()) {
            case VOLTAGE -> p.voltage();
            case CURRENT -> p.current();
            case ACTIVE_POWER -> p.activePower();
            case REACTIVE_POWER -> p.reactivePower();
            case APPARENT_POWER -> p.apparentPower();
            case POWER_FACTOR -> p.powerFactor();
            default -> throw new IllegalStateException(m + " is not a number of a phase");
        };
    }

    private Object setting(Meaning.Field field) {
        return switch (field) {
            case SERIAL_NUMBER -> identity.serialNumber();
            case METER_CODE -> identity.meterCode();
            case UNIT_ID -> settings.unitId();
            case BAUD_RATE -> settings.baud();
            case PROTOCOL_VERSION -> identity.protocolVersion();
            case SOFTWARE_VERSION -> identity.softwareVersion();
            case HARDWARE_VERSION -> identity.hardwareVersion();
            case METER_AMPS -> identity.meterAmps();
            case LCD_CYCLE_TIME -> settings.lcdCycleSeconds();
            case PARITY -> Code.PARITY.code(settings.parity());
            case ERROR_CODE -> StorageError.codeOf(storageError);
            case POWER_COUNTER -> powerCounter;
            case CHECKSUM -> identity.checksum();
            case STATUS_WORD -> statusWord();
            case BACKLIGHT -> Code.BACKLIGHT.code(settings.backlight());
            case TARIFF -> activeTariff.number();
        };
    }
}
