package org.pro380.meter;

import java.time.Instant;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Block;
import org.pro380.registers.Meaning;
import org.pro380.registers.Meaning.Energy;
import org.pro380.registers.Meaning.Measured;
import org.pro380.registers.Meaning.Setting;
import org.pro380.registers.ParityCode;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

/**
 * Everything the meter shows at one moment: the source of every register value, the LCD, the
 * LEDs and the control API's state. Immutable; taken by {@link Meter#reading()}.
 */
public record MeterReading(Instant time, boolean powered, Identity identity, Settings settings,
        Measurements measurements, EnergyCounters counters, Tariff activeTariff, TariffInput tariffInput,
        int powerCounter, Optional<StorageError> storageError, MemoryStatus memory, long millisIntoLcdCycle,
        boolean tariffLedLit) {

    public MeterReading {
        counters = counters.copy();
    }

    @Override
    public EnergyCounters counters() {
        return counters.copy();
    }

    /** The LCD: rendered on demand, since a Modbus read never needs it. */
    public Lcd lcd() {
        return Lcd.of(counters, storageError, identity.checksum(), millisIntoLcdCycle, settings.lcdCycleSeconds(),
                settings.backlight());
    }

    public TariffLed tariffLed() {
        return TariffLed.of(activeTariff);
    }

    public long statusWord() {
        return StatusWord.of(powerCounter, storageError, memory, settings.backlight(), activeTariff, tariffInput,
                measurements.flow());
    }

    /** Red LED pulses so far (10,000 per kWh of forward + reverse active energy). */
    public long pulses() {
        return counters.pulses();
    }

    /** Red LED pulses per second at the present load; none without power. */
    public double pulsesPerSecond() {
        if (!powered) {
            return 0;
        }
        double kW = measurements.phases().stream().mapToDouble(p -> Math.abs(p.activePower())).sum();
        return kW * 10_000 / 3600;
    }

    /** The decoded value of a register, as {@link Register#type()} encodes it. */
    public Object value(Register<?> register) {
        Meaning meaning = register.meaning();
        if (meaning instanceof Setting s) {
            return setting(s.field());
        }
        if (meaning instanceof Measured m) {
            return measured(m);
        }
        Energy e = (Energy) meaning;
        return counters.milli(e.kind(), e.flow(), e.scope()) / 1e6;
    }

    private Object setting(Meaning.Field field) {
        return switch (field) {
            case SERIAL_NUMBER -> identity.serialNumber();
            case METER_CODE -> identity.meterCode();
            case METER_ID -> settings.unitId();
            case BAUD_RATE -> settings.baud();
            case PROTOCOL_VERSION -> identity.protocolVersion();
            case SOFTWARE_VERSION -> identity.softwareVersion();
            case HARDWARE_VERSION -> identity.hardwareVersion();
            case METER_AMPS -> identity.meterAmps();
            case LCD_CYCLE_TIME -> settings.lcdCycleSeconds();
            case PARITY -> ParityCode.of(settings.parity());
            case POWER_COUNTER -> powerCounter;
            case CHECKSUM -> identity.checksum();
            case STATUS_WORD -> statusWord();
            case BACKLIGHT -> settings.backlight() ? 1 : 2;
            case TARIFF -> activeTariff.number();
        };
    }

    private Object measured(Measured m) {
        Optional<PhaseMeasurement> phase = m.scope().phase().map(measurements::phase);
        return switch (m.quantity()) {
            case VOLTAGE -> phase.orElseThrow().voltage();
            case FREQUENCY -> measurements.frequency();
            case CURRENT -> phase.orElseThrow().current();
            case ACTIVE_POWER -> phase.map(PhaseMeasurement::activePower).orElseGet(measurements::activePower);
            case REACTIVE_POWER -> phase.map(PhaseMeasurement::reactivePower).orElseGet(measurements::reactivePower);
            case APPARENT_POWER -> phase.map(PhaseMeasurement::apparentPower).orElseGet(measurements::apparentPower);
            case POWER_FACTOR -> phase.map(PhaseMeasurement::powerFactor).orElseGet(measurements::powerFactor);
            case DIRECTION -> phase.orElseThrow().direction();
            case QUADRANT -> phase.map(PhaseMeasurement::quadrant).orElseGet(measurements::quadrant);
        };
    }

    /** The measurement of one phase, for callers that think in phases. */
    public PhaseMeasurement phase(Phase phase) {
        return measurements.phase(phase);
    }

    /**
     * The raw registers of a read (spec section 3): it must lie wholly inside one block; reserved
     * addresses read 0; a read may start or end in the middle of a 32-bit value.
     */
    public int[] words(int address, int quantity) throws RegisterAccessException {
        Block block = Block.containing(address).filter(b -> b.contains(address, quantity))
                .orElseThrow(() -> new RegisterAccessException(ExceptionCode.ILLEGAL_DATA_ADDRESS,
                        String.format("read of %d registers at 0x%04X leaves the register blocks", quantity, address)));
        if (block == Block.ENERGY && storageError.filter(StorageError::energyUnknown).isPresent()) {
            throw new RegisterAccessException(ExceptionCode.SERVER_DEVICE_FAILURE,
                    "energy counters unknown: " + storageError.get().lcdText());
        }
        int[] out = new int[quantity];
        int end = address + quantity;
        for (Register<?> r : Registers.MAP.in(block)) {
            if (r.lastAddress() >= address && r.address() < end) {
                copyOverlap(encode(r), r.address(), out, address);
            }
        }
        return out;
    }

    private static void copyOverlap(int[] words, int from, int[] out, int outFrom) {
        for (int i = 0; i < words.length; i++) {
            int at = from + i - outFrom;
            if (at >= 0 && at < out.length) {
                out[at] = words[i];
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> int[] encode(Register<T> r) {
        return r.type().encode((T) value(r));
    }
}
