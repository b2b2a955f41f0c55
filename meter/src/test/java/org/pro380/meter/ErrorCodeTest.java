package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.registers.Settings;

/**
 * Register 0x4015 holds the code of the storage error the LCD shows (spec sections 5 and 8), 0
 * when none: from the power-on check to the register, and gone after a check that passes.
 */
class ErrorCodeTest {

    private static final Settings FACTORY = Settings.factory();

    @ParameterizedTest
    @EnumSource(StorageError.class)
    void theErrorOfThePowerOnCheckIsInTheErrorCodeRegister(StorageError error) {
        MeterFixture f = MeterFixture.poweredOn(Load.household());
        assertThat(f.ask("03 40 15 00 01")).isEqualTo("03 02 00 00");

        f.powerCycle(Optional.of(error));

        assertThat(f.ask("03 40 15 00 01")).isEqualTo(String.format("03 02 00 %02x", error.code()));
        assertThat(f.meter.reading().lcd().cycle().get(0).text()).isEqualTo(error.lcdText());
        f.powerCycle(Optional.empty());
        assertThat(f.ask("03 40 15 00 01")).isEqualTo("03 02 00 00");
    }

    @ParameterizedTest
    @CsvSource({"missing, 0x00", "damaged, 0x0d"})
    void aCopyDamagedWhenTheOtherDiffersInItsIntegerKwhShows0d(String main, String shown) {
        NvCopy.Intact backup = new NvCopy.Intact(4, StoredState.factoryNew(FACTORY));
        NvCopy first = main.equals("missing")
                ? new NvCopy.Missing()
                : new NvCopy.Damaged(OptionalLong.of(5_000_000), "checksum mismatch");
        StorageCheck check = StorageCheck.of(first, backup, FACTORY);
        MeterFixture f = MeterFixture.unpowered(Load.household());

        f.meter.powerOn(check.state(), check.error());

        assertThat(f.ask("03 40 15 00 01")).isEqualTo("03 02 00 " + shown.substring(2));
    }
}
