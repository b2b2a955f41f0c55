package org.pro380.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Code;
import org.pro380.registers.Identity;
import org.pro380.registers.Meaning;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * The PRO380-Compact itself: a pure model with no I/O. Its time comes from the injected clock;
 * every operation first books the energy measured since the last one, at the tariff active
 * during that time. Thread-safe: each public method runs alone.
 *
 * <p>A new meter is powered off; {@link #powerOn} gives it what its non-volatile memory held.
 * Whoever saves that memory tells the meter with {@link #saved} or {@link #saveFailed}; a meter
 * that shows {@link ShownEnergy#SAVED} energy shows what the last save holds.
 */
public final class Meter {

    private static final int MAX_POWER_COUNTER = 0xFFFF;

    private final Clock clock;
    private final Identity identity;
    private final ShownEnergy shownEnergy;
    private Settings settings = Settings.factory();
    private Load load;
    private MeasuredLoad measured;
    private final Stretch stretch = new Stretch();
    private EnergyCounters counters = new EnergyCounters();
    private EnergyCounters saved = new EnergyCounters();
    private MemoryStatus memory = MemoryStatus.HEALTHY;
    private TariffInput tariffInput = TariffInput.NONE;
    private int powerCounter;
    private Optional<StorageError> storageError = Optional.empty();
    private boolean powered;
    // meter time is booked in whole microseconds since the epoch: what is short of one waits for the next booking
    private long bookedUntil;
    private long lcdAnchor;
    private volatile Runnable settingsWatcher = () -> {};
    private Optional<LoadSchedule> schedule = Optional.empty();
    /** When the schedule's load changes next (microseconds since the epoch); unused without a schedule. */
    private long nextChange = Long.MAX_VALUE;

    private List<WiringFault.Active> wiringFaults = List.of();
    private Wiring wiring = Wiring.CORRECT;
    /** When the next wiring fault wears off (microseconds since the epoch); Long.MAX_VALUE when none does. */
    private long wiringChange = Long.MAX_VALUE;

    /** A meter that shows the energy it has counted. */
    public Meter(Clock clock, Identity identity, Load load) {
        this(clock, identity, load, ShownEnergy.COUNTED);
    }

    public Meter(Clock clock, Identity identity, Load load, ShownEnergy shownEnergy) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.shownEnergy = Objects.requireNonNull(shownEnergy, "shownEnergy");
        this.load = Objects.requireNonNull(load, "load");
        this.measured = MeasuredLoad.of(load);
        this.bookedUntil = Micros.of(clock.instant());
        this.lcdAnchor = bookedUntil;
    }

    /**
     * Power-on: the meter takes up what its memory held, counts the power-on and shows the
     * storage check's result until the next power-on whose check passes.
     */
    public synchronized void powerOn(StoredState stored, Optional<StorageError> check) {
        powerOn(new StorageCheck(stored, check, 0));
    }

    /**
     * Power-on after the memory check. When the check could not read the copies, the meter runs
     * from its factory state, shows ERR 0F, refuses setting writes (exception 04) and keeps its
     * energy unknown until {@link #memoryRead} brings what the copies hold.
     */
    public synchronized void powerOn(StorageCheck check) {
        book();
        StoredState stored = check.state();
        counters = stored.counters();
        saved = stored.counters();
        setSettings(stored.settings());
        powerCounter = Math.min(MAX_POWER_COUNTER, stored.powerCounter() + 1);
        storageError = check.error();
        memory = new MemoryStatus(check.readFailure(), Optional.empty());
        powered = true;
        lcdAnchor = bookedUntil;
    }

    /**
     * The copies could be read at last after a power-on that could not read them: the meter takes
     * up what they hold as a power-on would, and keeps the energy it has measured since on top.
     * The error of this late check replaces ERR 0F.
     */
    public synchronized void memoryRead(StorageCheck check) {
        if (!check.readable()) {
            throw new IllegalArgumentException("the check could not read the copies: "
                    + check.readFailure().get());
        }
        book();
        StoredState stored = check.state();
        EnergyCounters measuredSince = counters;
        counters = stored.counters();
        counters.add(measuredSince);
        saved = stored.counters();
        setSettings(stored.settings());
        powerCounter = Math.min(MAX_POWER_COUNTER, stored.powerCounter() + 1);
        storageError = check.error();
        memory = MemoryStatus.HEALTHY;
    }

    /** The memory now holds {@code state} (a save reached at least one copy). */
    public synchronized void saved(StoredState state, Optional<String> partialFailure) {
        saved.setTo(state.heldCounters()); // in place: a new copy per meter and round would live a round and die old
        memory = memory.withSaveFailure(partialFailure);
    }

    /** A save reached neither copy; the memory still holds what it held. */
    public synchronized void saveFailed(String why) {
        memory = memory.withSaveFailure(Optional.of(why));
    }

    public synchronized MemoryStatus memory() {
        return memory;
    }

    /** Power-off: measuring stops and nothing is answered until the next power-on. */
    public synchronized void powerOff() {
        book();
        powered = false;
    }

    public synchronized boolean powered() {
        return powered;
    }

    /**
     * Books up to the clock's time in steps, telling {@code listener} the meter at {@code next} and
     * at every {@code step} after it up to now: a simulation's rows in one call rather than one
     * call each. The listener runs under the meter's lock and must not call the meter. Returns
     * the first step after now.
     */
    public synchronized Instant bookSteps(Instant next, Duration step, StepListener listener) {
        if (step.isNegative() || step.isZero()) {
            throw new IllegalArgumentException("a step must be positive, got " + step);
        }
        long stepMicros = Micros.exact(step.getSeconds(), step.getNano(), "step");
        long at = Micros.exact(next.getEpochSecond(), next.getNano(), "step's time");
        if (at < bookedUntil) {
            throw new IllegalArgumentException(
                    "the meter has booked up to " + Micros.instant(bookedUntil) + ", after the step at " + next);
        }
        long now = Micros.of(clock.instant());
        // a simulated year of 1-second steps comes here 31 million times: meter time as a number, no Instant a step
        for (; at <= now; at += stepMicros) {
            bookTo(at);
            listener.at(at, load, shown());
        }
        bookTo(now);
        return Micros.instant(at);
    }

    /** Told the meter at each step of {@link #bookSteps}. */
    @FunctionalInterface
    public interface StepListener {
        /** The meter at {@code micros} since the epoch: its load and the counters it shows, valid during this call only. */
        void at(long micros, Load load, EnergyCounters counters);
    }

    /** What the non-volatile memory must hold now. */
    public synchronized StoredState storedState() {
        book();
        return new StoredState(counters, settings, powerCounter);
    }

    public synchronized Settings settings() {
        return settings;
    }

    /** The load now: a schedule's moves with meter time. */
    public synchronized Load load() {
        book();
        return load;
    }

    /** A load set by hand: it holds until changed, and ends any schedule the meter followed. */
    public synchronized void setLoad(Load newLoad) {
        book();
        schedule = Optional.empty();
        load = Objects.requireNonNull(newLoad, "load");
        measured = measure(newLoad);
    }

    /**
     * Wires the meter with {@code faults} (none: correctly) from now on: it measures the load
     * that flows as {@link Wiring} says. A fault with an end wears off at that meter time, booked
     * to the microsecond.
     */
    public synchronized void setWiringFaults(List<WiringFault.Active> faults) {
        book();
        wiringFaults = List.copyOf(faults);
        rewire(bookedUntil);
    }

    /** How the meter is wired now. */
    public synchronized Wiring wiring() {
        book();
        return wiring;
    }

    private void rewire(long now) {
        wiringFaults = wiringFaults.stream()
                .filter(f -> f.until().map(u -> Micros.of(u) > now).orElse(true))
                .toList();
        wiring = Wiring.of(wiringFaults.stream().map(WiringFault.Active::fault).toList());
        wiringChange = wiringFaults.stream()
                .flatMap(f -> f.until().stream())
                .mapToLong(Micros::of)
                .min()
                .orElse(Long.MAX_VALUE);
        measured = measure(load);
    }

    /** What the meter makes of {@code real} as it is wired: a schedule's kept measurements while wired correctly. */
    private MeasuredLoad measure(Load real) {
        if (!wiring.correct()) {
            return MeasuredLoad.of(wiring.seen(real));
        }
        return schedule.isPresent() ? schedule.get().measuredOf(real) : MeasuredLoad.of(real);
    }

    /** From now on the load is the schedule's, booked stretch by stretch (see {@link #book()}). */
    public synchronized void follow(LoadSchedule newSchedule) {
        book();
        schedule = Optional.of(newSchedule);
        takeLoad(newSchedule.loadAt(Micros.instant(bookedUntil)));
        nextChange = Micros.of(newSchedule.nextChangeAfter(Micros.instant(bookedUntil)));
    }

    /** The schedule the meter follows, if its load is not a fixed one. */
    public synchronized Optional<LoadSchedule> schedule() {
        return schedule;
    }

    public synchronized void setTariffInput(TariffInput input) {
        book();
        tariffInput = Objects.requireNonNull(input);
    }

    public synchronized MeterReading reading() {
        book();
        Instant now = Micros.instant(bookedUntil);
        long sinceAnchor = (bookedUntil - lcdAnchor) / 1000;
        boolean ledLit = switch (TariffLed.of(activeTariff())) {
            case OFF -> false;
            case ON -> true;
            case BLINKING -> (now.toEpochMilli() / 500) % 2 == 0;
        };
        return values().reading(now, powered, sinceAnchor, ledLit);
    }

    /**
     * Reads {@code quantity} raw registers from {@code address} (spec section 3): what
     * {@link #reading()} would show, read in place under the lock rather than copied, since this
     * answers every Modbus read.
     */
    public synchronized int[] read(int address, int quantity) throws RegisterAccessException {
        book();
        return values().words(address, quantity);
    }

    /**
     * As {@link #read(int, int)}, the registers written into {@code out} from {@code at} as they
     * go on the wire (two bytes a word, high byte first): a Modbus read's reply, without the words
     * first.
     */
    public synchronized void read(int address, int quantity, byte[] out, int at) throws RegisterAccessException {
        book();
        values().words(address, quantity, out, at);
    }

    /** Every register's value now, read in place: the caller holds the lock. */
    private RegisterValues values() {
        return new RegisterValues(
                identity,
                settings,
                measured.measurements(),
                shown(),
                activeTariff(),
                tariffInput,
                powerCounter,
                storageError,
                memory);
    }

    private EnergyCounters shown() {
        return shownEnergy == ShownEnergy.SAVED ? saved : counters;
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
        if (memory.readFailure().isPresent()) {
            throw new RegisterAccessException(
                    ExceptionCode.SERVER_DEVICE_FAILURE,
                    "settings cannot be stored: " + memory.readFailure().get());
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
            throw new RegisterAccessException(
                    ExceptionCode.ILLEGAL_DATA_ADDRESS, String.format("0x%04X is not a writable register", address));
        }
        return r.get();
    }

    private void apply(Register<?> register, int value) {
        Meaning.Field field = ((Meaning.Setting) register.meaning()).field();
        switch (field) {
            case UNIT_ID -> setSettings(settings.withUnitId(value));
            case BAUD_RATE -> setSettings(settings.withBaud(value));
            case PARITY -> setSettings(settings.withParity(Code.PARITY.value(value)));
            case LCD_CYCLE_TIME -> {
                setSettings(settings.withLcdCycleSeconds(value));
                lcdAnchor = bookedUntil;
            }
            case BACKLIGHT -> setSettings(settings.withBacklight(Code.BACKLIGHT.value(value)));
            case TARIFF -> setSettings(settings.withModbusTariff(Code.TARIFF.value(value)));
            case POWER_COUNTER -> powerCounter = value;
            default -> throw new IllegalStateException(register + " has no write action");
        }
    }

    /**
     * Calls {@code watcher} after every change of the settings (unit id, line settings ...), with
     * the meter's lock held: it must be quick and must not call the meter. The bus the meter is
     * on uses it to keep its index of unit ids; one watcher per meter.
     */
    public void watchSettings(Runnable watcher) {
        settingsWatcher = Objects.requireNonNull(watcher, "watcher");
    }

    private void setSettings(Settings changed) {
        if (!changed.equals(settings)) {
            settings = changed;
            settingsWatcher.run();
        }
    }

    private Tariff activeTariff() {
        return tariffInput.over(settings.modbusTariff());
    }

    /**
     * Books the energy of the time since the last booking; none while powered off. A meter that
     * follows a schedule books each stretch between the schedule's changes at its own load.
     */
    private void book() {
        bookTo(Micros.of(clock.instant()));
    }

    private void bookTo(long now) {
        if (schedule.isEmpty() && wiringChange > now) {
            bookUntil(now);
            return;
        }
        while (true) {
            long change = Math.min(schedule.isPresent() ? nextChange : Long.MAX_VALUE, wiringChange);
            if (change > now) {
                break;
            }
            bookUntil(change);
            if (schedule.isPresent() && nextChange == change) {
                Instant at = Micros.instant(change);
                takeLoad(schedule.get().loadAt(at));
                nextChange = Micros.of(schedule.get().nextChangeAfter(at));
            }
            if (wiringChange == change) {
                rewire(change);
            }
        }
        bookUntil(now);
    }

    private void bookUntil(long until) {
        if (until <= bookedUntil) {
            return;
        }
        if (powered) {
            counters.integrate(
                    stretch.of(measured.rates(), until - bookedUntil, EnergyCounters.MICROS_PER_HOUR), activeTariff());
        }
        bookedUntil = until;
    }

    private void takeLoad(Load next) {
        if (next != load) {
            load = next;
            measured = measure(next);
        }
    }
}
