package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.meter.MeterFixture.fromPowers;
import static org.pro380.meter.MeterFixture.phases;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The active status word at 0x401D (spec section 10) field by field as {@link StatusWord}
 * documents it, and exception 04 for the storage faults of section 8.
 */
class StatusWordTest {

    private final MeterFixture f = MeterFixture.poweredOn(Load.household());

    private long statusWord() {
        int[] words = f.read(0x401D, 2);
        long word = ((long) words[0] << 16) | words[1];
        assertThat(f.meter.reading().statusWord())
                .as("register and reading agree")
                .isEqualTo(word);
        return word;
    }

    @Test
    void aFreshMeterAfterOnePowerOnWithAHouseholdLoadReadsLikeTheRealMeter() {
        assertThat(f.ask("03 40 1d 00 02")).isEqualTo("03 04 00 11 01 11");
        assertThat(statusWord()).isEqualTo(0x00110111L);
    }

    @Test
    void bit0IsClearedByACounterResetAndSetByTheNextPowerOn() {
        f.write(0x4016, 0);
        assertThat(statusWord()).isEqualTo(0x00110110L);

        f.powerCycle(Optional.empty());
        assertThat(statusWord()).isEqualTo(0x00110111L);
    }

    @Test
    void backlightNibble() {
        f.write(0x4021, 2);
        assertThat(statusWord()).isEqualTo(0x00110121L);

        f.write(0x4021, 1);
        assertThat(statusWord()).isEqualTo(0x00110111L);
    }

    @Test
    void activeTariffNibble() {
        f.write(0x6048, 2);
        assertThat(statusWord()).isEqualTo(0x00110211L);

        f.write(0x6048, 3);
        assertThat(statusWord()).isEqualTo(0x00110311L);
    }

    @Test
    void tariffInputNibbleAndTheTariffItHolds() {
        f.meter.setTariffInput(TariffInput.T2);
        assertThat(statusWord()).isEqualTo(0x00112211L);

        f.write(0x6048, 2);
        f.meter.setTariffInput(TariffInput.T3);
        assertThat(statusWord()).isEqualTo(0x00113311L);

        f.meter.setTariffInput(TariffInput.NONE);
        assertThat(statusWord()).isEqualTo(0x00110211L);
    }

    @Test
    void powerFlowNibble() {
        f.meter.setLoad(phases(fromPowers(-1, 0.2), fromPowers(-0.5, 0), fromPowers(-0.1, -0.1)));
        assertThat(statusWord()).as("all export").isEqualTo(0x00120111L);

        f.meter.setLoad(phases(fromPowers(1, 0.2), fromPowers(0.5, 0), fromPowers(-0.1, -0.1)));
        assertThat(statusWord()).as("two import, one exports").isEqualTo(0x00130111L);

        f.meter.setLoad(Load.idle(230, 50));
        assertThat(statusWord()).as("idle").isEqualTo(0x00110111L);

        f.meter.setLoad(phases(fromPowers(-1, 0), fromPowers(0, 0), fromPowers(0, 0)));
        assertThat(statusWord()).as("one exports, two idle").isEqualTo(0x00120111L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ERR_80, 0x80", "ERR_0F, 0x0F", "ERR_0D, 0x0D", "ERR_0C, 0x0C", "ERR_1D, 0x1D"})
    void storageErrorBitAndCodeUntilAPowerOnWhoseCheckPasses(StorageError error, String code) {
        f.powerCycle(Optional.of(error));

        long expected = (Long.decode(code) << 24) | 0x00110113L;
        assertThat(statusWord()).isEqualTo(expected);
        f.advance(Duration.ofHours(1));
        assertThat(statusWord()).as("it stays").isEqualTo(expected);

        f.powerCycle(Optional.empty());
        assertThat(statusWord()).isEqualTo(0x00110111L);
    }

    @Test
    void fieldsCombine() {
        f.write(0x4021, 2);
        f.meter.setTariffInput(TariffInput.T3);
        f.meter.setLoad(phases(fromPowers(1, 0), fromPowers(-1, 0), fromPowers(1, 0)));
        f.powerCycle(Optional.of(StorageError.ERR_1D));

        assertThat(statusWord()).isEqualTo(0x1D133323L);
    }

    // ---- exception 04

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = StorageError.class,
            names = {"ERR_80", "ERR_0F"})
    void unknownEnergyCountersMakeEnergyBlockReadsAnswer04(StorageError error) {
        f.powerCycle(Optional.of(error));

        assertThat(f.ask("03 60 00 00 02")).isEqualTo("83 04");
        assertThat(f.ask("03 60 00 00 58")).isEqualTo("83 04");
        assertThat(f.ask("03 60 48 00 01")).isEqualTo("83 04");
        assertThat(f.ask("03 60 56 00 02")).isEqualTo("83 04");
        assertThat(f.ask("03 60 56 00 03"))
                .as("a read leaving the block is still 02")
                .isEqualTo("83 02");
        assertThat(f.ask("03 40 00 00 22")).startsWith("03 44");
        assertThat(f.ask("03 50 00 00 32")).startsWith("03 64");
        assertThat(error.energyUnknown()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(
            value = StorageError.class,
            names = {"ERR_0D", "ERR_0C", "ERR_1D"})
    void otherStorageErrorsLeaveTheEnergyReadable(StorageError error) {
        f.advance(Duration.ofHours(1));
        f.powerCycle(Optional.of(error));

        assertThat(f.ask("03 60 00 00 58")).startsWith("03 b0");
        assertThat(error.energyUnknown()).isFalse();
    }

    @Test
    void energyIsReadableAgainAfterAPowerOnWhoseCheckPasses() {
        f.powerCycle(Optional.of(StorageError.ERR_80));
        assertThat(f.ask("03 60 00 00 02")).isEqualTo("83 04");

        f.powerCycle(Optional.empty());
        assertThat(f.ask("03 60 00 00 02")).isEqualTo("03 04 00 00 00 00");
    }
}
