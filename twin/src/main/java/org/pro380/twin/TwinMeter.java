package org.pro380.twin;

import java.util.Optional;
import java.util.function.IntFunction;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterReading;
import org.pro380.meter.MeterServer;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.StorageError;
import org.pro380.meter.TariffInput;
import org.pro380.profile.Profile;
import org.pro380.profile.ProfileSchedule;
import org.pro380.protocol.ExceptionCode;
import org.pro380.twin.fault.MeterFaults;
import org.pro380.twin.source.SourceState;
import org.pro380.twin.traffic.TrafficLog;

/**
 * One meter of a running twin: its place on the site, the meter, its Modbus side, and what a
 * person standing at it can do. Power goes through the site's memory, which checks this meter's
 * memory at power-on and saves it.
 */
public final class TwinMeter implements SiteMeter {

    private final int index;
    private final int bus;
    private final Meter meter;
    private final MeterServer server;
    private final SitePlan plan;
    private final SiteMemory memory;
    private final IntFunction<Optional<SourceState>> sources;
    private final MeterFaults faults;
    private final TrafficLog traffic;

    TwinMeter(
            int index,
            SitePlan plan,
            SiteMemory memory,
            Meter meter,
            IntFunction<Optional<SourceState>> sources,
            MeterFaults faults,
            TrafficLog traffic) {
        this.faults = faults;
        this.traffic = traffic;
        faults.onWiring(meter::setWiringFaults);
        faults.onApplied(traffic::applied);
        this.index = index;
        this.bus = plan.bus(index);
        this.meter = meter;
        this.server = new MeterServer(meter);
        this.plan = plan;
        this.memory = memory;
        this.sources = sources;
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
    public Optional<SourceState> source() {
        return sources.apply(index);
    }

    public Meter meter() {
        return meter;
    }

    public MeterServer server() {
        return server;
    }

    @Override
    public MeterFaults faults() {
        return faults;
    }

    @Override
    public TrafficLog traffic() {
        return traffic;
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
    public Optional<ProfileSchedule> profile() {
        return meter.schedule().filter(ProfileSchedule.class::isInstance).map(ProfileSchedule.class::cast);
    }

    /** Plays {@code profile} as meter k of the site plays it, or goes back to the meter's fixed load. */
    @Override
    public void setProfile(Optional<Profile> profile) {
        if (profile.isPresent()) {
            meter.follow(plan.fleetSchedule(index, profile.get()));
        } else {
            meter.setLoad(plan.fixedLoad(index));
        }
    }

    @Override
    public void setTariffInput(TariffInput input) {
        meter.setTariffInput(input);
    }

    @Override
    public void setPower(boolean on) {
        memory.setPower(index, on);
    }

    @Override
    public Optional<StorageError> storageFault() {
        return memory.storageFault(index);
    }

    @Override
    public void setStorageFault(Optional<StorageError> fault) {
        memory.setStorageFault(index, fault);
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        if (!meter.powered()) {
            throw new RegisterAccessException(ExceptionCode.SERVER_DEVICE_FAILURE, "the meter is powered off");
        }
        meter.write(address, words);
    }
}
