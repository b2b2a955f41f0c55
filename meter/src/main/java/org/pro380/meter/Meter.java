package org.pro380.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Meaning;
import org.pro380.registers.ParityCode;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Tariff;

/**
 * The PRO380-Compact itself: a pure model with no I/O. Its time comes from the injected clock;
 * every operation first books the energy measured since the last one, at the tariff active
 * during that time. Thread-safe: each public method runs alone.
 *
 * <p>A new meter is powered off; {@link #powerOn} gives it what its non-volatile memory held.
 */
public final class Meter {

    private static final int MAX_POWER_COUNTER = 0xFFFF;

    private final Clock clock;
    private final Identity identity;
    private Settings settings = Settings.factory();
    private Load load;
    private Measurements measurements;
    private EnergyCounters counters = new EnergyCounters();
    private TariffInput tariffInput = TariffInput.NONE;
    private int powerCounter;
    private Optional<StorageError> storageError = Optional.empty();
    private boolean powered;
    private Instant bookedUntil;
    private Instant lcdAnchor;

    public Meter(Clock clock, Identity identity, Load load) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.load = Objects.requireNonNull(load, "load");
        this.measurements = Measurements.of(load);
        this.bookedUntil = clock.instant();
        this.lcdAnchor = bookedUntil;
    }

    /**
     * Power-on: the meter takes up what its memory held, counts the power-on and shows the
     * storage check's result until the next power-on whose check passes.
     */
    public synchronized void powerOn(StoredState stored, Optional<StorageError> check) {
        book();
        counters = stored.counters();
        settings = stored.settings();
        powerCounter = Math.min(MAX_POWER_COUNTER, stored.powerCounter() + 1);
        storageError = check;
        powered = true;
        lcdAnchor = bookedUntil;
    }

    /** Power-off: measuring stops and nothing is answered until the next power-on. */
    public synchronized void powerOff() {
        book();
        powered = false;
    }

    public synchronized boolean powered() {
        return powered;
    }

    /** What the non-volatile memory must hold now. */
    public synchronized StoredState storedState() {
        book();
        return new StoredState(counters, settings, powerCounter);
    }

    public synchronized Settings settings() {
        return settings;
    }

    public synchronized Load load() {
        return load;
    }

    public synchronized void setLoad(Load newLoad) {
        book();
        load = Objects.requireNonNull(newLoad, "load");
        measurements = Measurements.of(newLoad);
    }

    public synchronized void setTariffInput(TariffInput input) {
        book();
        tariffInput = Objects.requireNonNull(input);
    }

    public synchronized MeterReading reading() {
        book();
        Instant now = bookedUntil;
        long sinceAnchor = Duration.between(lcdAnchor, now).toMillis();
        boolean ledLit = switch (TariffLed.of(activeTariff())) {
            case OFF -> false;
            case ON -> true;
            case BLINKING -> (now.toEpochMilli() / 500) % 2 == 0;
        };
        return new MeterReading(now, powered, identity, settings, measurements, counters, activeTariff(),
                tariffInput, powerCounter, storageError, sinceAnchor, ledLit);
    }

    /** Reads {@code quantity} raw registers from {@code address} (spec section 3). */
    public int[] read(int address, int quantity) throws RegisterAccessException {
        return reading().words(address, quantity);
    }

    /**
     * Writes consecutive registers, all or nothing: every address must start a writable register
     * (else exception 02) and every value must pass its rule (else exception 03).
     */
    public synchronized void write(int address, int[] words) throws RegisterAccessException {
        Register<?>[] targets = new Register<?>[words.length];
        for (int i = 0; i < words.length; i++) {
            targets[i] = writableAt(address + i);
        }
        for (int i = 0; i < words.length; i++) {
            Optional<String> refusal = targets[i].rejectWrite(new int[] {words[i]});
            if (refusal.isPresent()) {
                throw new RegisterAccessException(ExceptionCode.ILLEGAL_DATA_VALUE, refusal.get());
            }
        }
        book();
        for (int i = 0; i < words.length; i++) {
            apply(targets[i], (Integer) targets[i].type().decode(new int[] {words[i]}, 0));
        }
    }

    private static Register<?> writableAt(int address) throws RegisterAccessException {
        Optional<Register<?>> r = Registers.MAP.startingAt(address).filter(Register::writable);
        if (r.isEmpty()) {
            throw new RegisterAccessException(ExceptionCode.ILLEGAL_DATA_ADDRESS,
                    String.format("0x%04X is not a writable register", address));
        }
        return r.get();
    }

    private void apply(Register<?> register, int value) {
        Meaning.Field field = ((Meaning.Setting) register.meaning()).field();
        switch (field) {
            case METER_ID -> settings = settings.withUnitId(value);
            case BAUD_RATE -> settings = settings.withBaud(value);
            case PARITY -> settings = settings.withParity(ParityCode.parity(value));
            case LCD_CYCLE_TIME -> {
                settings = settings.withLcdCycleSeconds(value);
                lcdAnchor = bookedUntil;
            }
            case BACKLIGHT -> settings = settings.withBacklight(value == 1);
            case TARIFF -> settings = settings.withModbusTariff(Tariff.ofNumber(value));
            case POWER_COUNTER -> powerCounter = value;
            default -> throw new IllegalStateException(register + " has no write action");
        }
    }

    private Tariff activeTariff() {
        return tariffInput.holds().orElse(settings.modbusTariff());
    }

    /** Books the energy of the time since the last booking; none while powered off. */
    private void book() {
        Instant now = clock.instant();
        if (!now.isAfter(bookedUntil)) {
            return;
        }
        long micros = Duration.between(bookedUntil, now).toNanos() / 1000;
        if (powered) {
            counters.integrate(measurements, activeTariff(), micros);
        }
        bookedUntil = bookedUntil.plusNanos(micros * 1000);
    }
}
