package org.pro380.twin;

import java.util.Optional;
import org.pro380.meter.Load;
import org.pro380.meter.Meter;
import org.pro380.meter.MeterReading;
import org.pro380.meter.MeterServer;
import org.pro380.meter.RegisterAccessException;
import org.pro380.meter.TariffInput;
import org.pro380.protocol.ExceptionCode;
import org.pro380.twin.source.SourceState;
import org.pro380.twin.profile.Profile;
import org.pro380.twin.profile.ProfileSchedule;

/**
 * One meter of a running twin: its place on the site, the meter, its Modbus side, and what a
 * person standing at it can do. Power goes through the twin, which checks and saves the memory.
 */
public final class TwinMeter implements SiteMeter {

    private final Twin twin;
    private final int index;
    private final int bus;
    private final Meter meter;
    private final MeterServer server;
    /** The sequence number of this meter's next save; guarded by the twin. */
    long nextSequence = 1;
    /** Whether the meter has taken up its memory (been powered on) in this process; guarded by the twin. */
    boolean memoryTakenUp;

    TwinMeter(Twin twin, int index, int bus, Meter meter) {
        this.twin = twin;
        this.index = index;
        this.bus = bus;
        this.meter = meter;
        this.server = new MeterServer(meter);
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int bus() {
        return bus;
    }

    /** How the meter's source is doing, if it mirrors one (docs/mirror.md). */
    public java.util.Optional<SourceState> source() {
        return twin.source(index);
    }

    public Meter meter() {
        return meter;
    }

    public MeterServer server() {
        return server;
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

    @Override
    public void setProfile(Optional<Profile> profile) {
        twin.setProfile(this, profile);
    }

    @Override
    public void setTariffInput(TariffInput input) {
        meter.setTariffInput(input);
    }

    @Override
    public void setPower(boolean on) {
        twin.setPower(this, on);
    }

    @Override
    public void writeRegisters(int address, int[] words) throws RegisterAccessException {
        if (!meter.powered()) {
            throw new RegisterAccessException(ExceptionCode.SERVER_DEVICE_FAILURE, "the meter is powered off");
        }
        meter.write(address, words);
    }
}
