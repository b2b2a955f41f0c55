package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Identity;
import org.pro380.registers.Meaning.EnergyKind;
import org.pro380.registers.Meaning.EnergyScope;
import org.pro380.registers.Meaning.Flow;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;

/** What the meter shows of its memory: saved energy only, failed saves, copies that cannot be read. */
class MemoryTest {

    /** 1 kW on L1 only: one hour books exactly 1 kWh = 1,000,000 mWh. */
    private static final Load ONE_KW = new Load(
            50,
            List.of(
                    PhaseLoad.importing(250, 4, 1.0),
                    PhaseLoad.importing(230, 0, 1.0),
                    PhaseLoad.importing(230, 0, 1.0)));

    private final TestClock clock = new TestClock();

    private Meter meter(ShownEnergy shown) {
        Meter meter = new Meter(clock, Identity.typical(), ONE_KW, shown);
        meter.powerOn(StoredState.factoryNew(Settings.factory()), Optional.empty());
        return meter;
    }

    private static long shownMilli(Meter meter) {
        return meter.reading().counters().milli(EnergyKind.ACTIVE, Flow.TOTAL, EnergyScope.ALL);
    }

    private static float activeEnergyRegister(Meter meter) throws RegisterAccessException {
        int[] words = meter.read(Registers.ACTIVE_ENERGY.address(), 2);
        return Float.intBitsToFloat(words[0] << 16 | words[1]);
    }

    @Test
    void aMeterShowingSavedEnergyShowsTheLastSaveNotWhatItHasCountedSince() throws Exception {
        Meter meter = meter(ShownEnergy.SAVED);
        clock.advance(Duration.ofHours(1));
        StoredState first = meter.storedState();
        meter.saved(first, Optional.empty());
        clock.advance(Duration.ofHours(1));

        assertThat(shownMilli(meter)).isEqualTo(1_000_000);
        assertThat(activeEnergyRegister(meter)).isEqualTo(1.0f);
        assertThat(meter.reading().lcd().cycle().get(0).text()).isEqualTo("1.00 kWh");
        assertThat(meter.storedState().counters().totalActiveMilli()).isEqualTo(2_000_000);

        meter.saved(meter.storedState(), Optional.empty());
        assertThat(activeEnergyRegister(meter)).isEqualTo(2.0f);
    }

    @Test
    void aMeterShowingCountedEnergyShowsItWithoutASave() {
        Meter meter = meter(ShownEnergy.COUNTED);
        clock.advance(Duration.ofHours(1));

        assertThat(shownMilli(meter)).isEqualTo(1_000_000);
    }

    @Test
    void powerOnShowsWhatTheMemoryHeld() {
        Meter meter = new Meter(clock, Identity.typical(), ONE_KW, ShownEnergy.SAVED);
        Meter elsewhere = meter(ShownEnergy.COUNTED);
        clock.advance(Duration.ofHours(3));

        meter.powerOn(elsewhere.storedState(), Optional.empty());

        assertThat(shownMilli(meter)).isEqualTo(3_000_000);
    }

    @Test
    void aFailedSaveSetsStatusBit2UntilASaveSucceeds() {
        Meter meter = meter(ShownEnergy.SAVED);
        long healthy = meter.reading().statusWord();

        meter.saveFailed("No space left on device");

        assertThat(meter.reading().statusWord()).isEqualTo(healthy | 0b100);
        assertThat(meter.memory().saveFailure()).contains("No space left on device");
        meter.saved(meter.storedState(), Optional.empty());
        assertThat(meter.reading().statusWord()).isEqualTo(healthy);
        assertThat(meter.memory().healthy()).isTrue();
    }

    @Test
    void copiesThatCannotBeReadShowErr0FRefuseSettingWritesAndSetStatusBit3() {
        Meter meter = new Meter(clock, Identity.typical(), ONE_KW, ShownEnergy.SAVED);
        meter.powerOn(StorageCheck.of(
                new NvCopy.Unreadable("AccessDeniedException"), new NvCopy.Missing(), Settings.factory()));

        MeterReading r = meter.reading();
        assertThat(r.storageError()).contains(StorageError.ERR_0F);
        assertThat(r.statusWord() & 0b1010).isEqualTo(0b1010);
        assertThat(r.statusWord() >>> 24).isEqualTo(0x0F);
        assertThatThrownBy(() -> meter.read(Registers.ACTIVE_ENERGY.address(), 2))
                .isInstanceOfSatisfying(
                        RegisterAccessException.class,
                        e -> assertThat(e.code()).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE));
        assertThatThrownBy(() -> meter.write(Registers.TARIFF.address(), new int[] {2}))
                .isInstanceOfSatisfying(
                        RegisterAccessException.class,
                        e -> assertThat(e.code()).isEqualTo(ExceptionCode.SERVER_DEVICE_FAILURE));
    }

    @Test
    void whenTheCopiesCanBeReadAtLastTheMeterTakesThemUpAndKeepsWhatItMeasuredMeanwhile() throws Exception {
        Meter before = meter(ShownEnergy.COUNTED);
        clock.advance(Duration.ofHours(5));
        StoredState onDisk = new StoredState(
                before.storedState().counters(), Settings.factory().withUnitId(7), 41);
        Meter meter = new Meter(clock, Identity.typical(), ONE_KW, ShownEnergy.SAVED);
        meter.powerOn(StorageCheck.of(
                new NvCopy.Unreadable("Too many open files"), new NvCopy.Missing(), Settings.factory()));
        clock.advance(Duration.ofHours(2));

        meter.memoryRead(
                StorageCheck.of(new NvCopy.Intact(9, onDisk), new NvCopy.Intact(9, onDisk), Settings.factory()));

        assertThat(meter.storedState().counters().totalActiveMilli()).isEqualTo(7_000_000);
        assertThat(meter.settings().unitId()).isEqualTo(7);
        assertThat(meter.storedState().powerCounter()).isEqualTo(42);
        assertThat(meter.reading().storageError()).isEmpty();
        assertThat(meter.memory().healthy()).isTrue();
        assertThat(activeEnergyRegister(meter))
                .as("shown: what the copies hold until the next save")
                .isEqualTo(5.0f);
        meter.write(Registers.TARIFF.address(), new int[] {2});
        assertThat(meter.settings().modbusTariff().number()).isEqualTo(2);
    }
}
