package org.pro380.meter;

import java.time.Instant;
import java.util.Optional;
import org.pro380.registers.Identity;
import org.pro380.registers.Phase;
import org.pro380.registers.Register;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * Everything the meter shows at one moment: its register values (through {@link RegisterValues}),
 * the LCD, the LEDs and the control API's state. Immutable; taken by {@link Meter#reading()}.
 */
public record MeterReading(
        Instant time,
        boolean powered,
        Identity identity,
        Settings settings,
        Measurements measurements,
        EnergyCounters counters,
        Tariff activeTariff,
        TariffInput tariffInput,
        int powerCounter,
        Optional<StorageError> storageError,
        MemoryStatus memory,
        long millisIntoLcdCycle,
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
        return Lcd.of(
                counters,
                storageError,
                identity.checksum(),
                millisIntoLcdCycle,
                settings.lcdCycleSeconds(),
                settings.backlight(),
                measurements);
    }

    public TariffLed tariffLed() {
        return TariffLed.of(activeTariff);
    }

    public long statusWord() {
        return values().statusWord();
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
        double kW = measurements.phases().stream()
                .mapToDouble(p -> Math.abs(p.activePower()))
                .sum();
        return kW * 10_000 / 3600;
    }

    /** The decoded value of a register, as {@link Register#type()} encodes it. */
    public Object value(Register<?> register) {
        return values().value(register);
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
        return values().words(address, quantity);
    }

    /** As {@link #words(int, int)}, written into {@code out} from {@code at} as they go on the wire. */
    public void words(int address, int quantity, byte[] out, int at) throws RegisterAccessException {
        values().words(address, quantity, out, at);
    }

    private RegisterValues values() {
        return new RegisterValues(
                identity,
                settings,
                measurements,
                counters,
                activeTariff,
                tariffInput,
                powerCounter,
                storageError,
                memory);
    }
}
