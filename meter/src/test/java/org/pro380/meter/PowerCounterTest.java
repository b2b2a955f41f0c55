package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.registers.Settings;

/** The power on/off counter at 0x4016 (spec section 5): +1 at every power-on, reset by writing 0. */
class PowerCounterTest {

    private final MeterFixture f = MeterFixture.poweredOn(Load.household());

    @Test
    void aFactoryNewMeterCountsItsFirstPowerOn() {
        assertThat(f.ask("03 40 16 00 01")).isEqualTo("03 02 00 01");
        assertThat(f.meter.reading().powerCounter()).isEqualTo(1);
    }

    @Test
    void everyPowerOnCountsOne() {
        for (int expected = 2; expected <= 6; expected++) {
            f.powerCycle(Optional.empty());
            assertThat(f.read(0x4016, 1)).containsExactly(expected);
        }
    }

    @Test
    void powerOffAloneDoesNotCount() {
        f.meter.powerOff();

        assertThat(f.meter.storedState().powerCounter()).isEqualTo(1);
    }

    @Test
    void aFailedStorageCheckStillCountsThePowerOn() {
        f.powerCycle(Optional.of(StorageError.ERR_1D));

        assertThat(f.read(0x4016, 1)).containsExactly(2);
    }

    @Test
    void writingZeroResetsAndTheNextPowerOnCountsFromThere() {
        f.powerCycle(Optional.empty());
        f.powerCycle(Optional.empty());

        f.write(0x4016, 0);

        assertThat(f.read(0x4016, 1)).containsExactly(0);
        assertThat(f.meter.storedState().powerCounter()).isZero();
        f.powerCycle(Optional.empty());
        assertThat(f.read(0x4016, 1)).containsExactly(1);
    }

    @Test
    void aResetByWriteMultipleWorksToo() {
        f.powerCycle(Optional.empty());

        assertThat(f.ask("10 40 16 00 01 02 00 00")).isEqualTo("10 40 16 00 01");
        assertThat(f.read(0x4016, 1)).containsExactly(0);
    }

    @Test
    void theCounterIsKeptInMemory() {
        f.powerCycle(Optional.empty());

        StoredState saved = f.meter.storedState();
        MeterFixture elsewhere = MeterFixture.unpowered(Load.household());
        elsewhere.meter.powerOn(saved, Optional.empty());

        assertThat(elsewhere.read(0x4016, 1)).containsExactly(3);
    }

    @Test
    void theCounterStopsAtTheTopOfItsRegister() {
        StoredState full = new StoredState(new EnergyCounters(), Settings.factory(), 0xFFFF);
        MeterFixture old = MeterFixture.unpowered(Load.household());

        old.meter.powerOn(full, Optional.empty());

        assertThat(old.read(0x4016, 1)).containsExactly(0xFFFF);
    }
}
