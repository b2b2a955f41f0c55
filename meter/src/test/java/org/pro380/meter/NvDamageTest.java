package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.registers.Settings;

class NvDamageTest {

    private static StoredState holding(long milli) {
        long[] counters = new long[EnergyCounters.SIZE];
        counters[EnergyCounters.activeIndex(0)] = milli / 2;
        counters[EnergyCounters.activeIndex(7)] = milli - milli / 2;
        return new StoredState(EnergyCounters.of(counters), Settings.factory().withUnitId(7), 12);
    }

    private static StorageCheck checked(NvDamage.Records records) {
        return StorageCheck.of(NvCodec.decode(records.main()), NvCodec.decode(records.backup()), Settings.factory());
    }

    @ParameterizedTest(name = "{0} at {1} mWh")
    @CsvSource({
        "ERR_0D, 12345678",
        "ERR_0D, 5000",
        "ERR_0C, 12345678",
        "ERR_0C, 5000",
        "ERR_1D, 12345678",
        "ERR_1D, 5000",
        "ERR_1D, 12005000"
    })
    void theCheckFindsTheErrorAndGoesOnFromTheStateSaved(StorageError error, long milli) {
        StoredState saved = holding(milli);

        StorageCheck check = checked(NvDamage.of(error, 41, saved));

        assertThat(check.error()).contains(error);
        assertThat(check.state()).isEqualTo(saved);
        assertThat(check.nextSequence()).isGreaterThan(41);
    }

    @ParameterizedTest
    @CsvSource({"12345678", "0"})
    void err0fLeavesNoIntactCopy(long milli) {
        StorageCheck check = checked(NvDamage.of(StorageError.ERR_0F, 41, holding(milli)));

        assertThat(check.error()).contains(StorageError.ERR_0F);
        assertThat(check.readable()).isTrue();
        assertThat(check.state()).isEqualTo(StoredState.factoryNew(Settings.factory()));
    }

    @ParameterizedTest
    @EnumSource(StorageError.class)
    void onlyErr80IsNotInTheCopies(StorageError error) {
        assertThat(NvDamage.damages(error)).isEqualTo(error != StorageError.ERR_80);
        if (error == StorageError.ERR_80) {
            assertThatThrownBy(() -> NvDamage.of(error, 1, holding(0))).hasMessageContaining("not in the copies");
        }
    }

    @ParameterizedTest
    @CsvSource({"-1000000, 5000", "-1000000, 1500000", "10000, 0"})
    void aShiftMovesTheTotalByExactlyItsAmount(long shift, long milli) {
        StoredState shifted = NvDamage.shifted(holding(milli + 1_000_000), shift);

        assertThat(shifted.counters().totalActiveMilli()).isEqualTo(milli + 1_000_000 + shift);
        assertThat(Optional.of(shifted.settings())).contains(Settings.factory().withUnitId(7));
    }
}
