package org.pro380.twin.http;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterReading;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.StoredState;
import org.pro380.meter.TariffInput;
import org.pro380.registers.Identity;
import org.pro380.registers.Settings;
import org.pro380.twin.SiteMeter;
import org.pro380.twin.TwinSite;
import org.pro380.twin.fault.MeterFaults;

/**
 * A twin without transports or memory: a real meter at a fixed instant, recording register writes;
 * by itself a site of one meter.
 */
class MeterTwin implements SiteMeter, TwinSite {

    static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    /** One call of {@link #writeRegisters}. */
    record Write(int address, int[] words) {}

    final Meter meter;
    final List<Write> writes = new ArrayList<>();
    final MeterFaults faults;
    private final int index;
    private final int bus;

    MeterTwin() {
        this(1, 1, Identity.typical(), Load.household());
    }

    /** Meter {@code index} of a site, on {@code bus}. */
    MeterTwin(int index, int bus, Identity identity, Load load) {
        this(index, bus, identity, load, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** The same, its time told by {@code clock}. */
    MeterTwin(int index, int bus, Identity identity, Load load, Clock clock) {
        this.index = index;
        this.bus = bus;
        this.meter = new Meter(clock, identity, load);
        this.faults = new MeterFaults(clock, new java.util.SplittableRandom(index));
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
    }

    @Override
    public MeterFaults faults() {
        return faults;
    }

    @Override
    public List<MeterTwin> meters() {
        return List.of(this);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int bus() {
        return bus;
    }

    @Override
    public MeterReading reading() {
        return meter.reading();
    }

    @Override
    public Load load() {
        return meter.load();
    }

    @Override
    public void setLoad(Load load) {
        meter.setLoad(load);
    }

    @Override
    public void setTariffInput(TariffInput input) {
        meter.setTariffInput(input);
    }

    @Override
    public void setPower(boolean on) {
        if (on && !meter.powered()) {
            meter.powerOn(meter.storedState(), Optional.empty());
        } else if (!on) {
            meter.powerOff();
        }
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        writes.add(new Write(address, words.clone()));
        meter.write(address, words);
    }
}
