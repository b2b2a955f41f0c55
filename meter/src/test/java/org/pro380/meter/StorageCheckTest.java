package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pro380.protocol.Parity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/** The power-on check of spec section 8, from prepared copies. */
class StorageCheckTest {

    private static final Settings FACTORY = Settings.factory();
    private static final NvCopy MISSING = new NvCopy.Missing();
    private static final NvCopy TRUNCATED = new NvCopy.Damaged(OptionalLong.empty(), "length 3, expected 323");

    /**
     * A state whose total active energy is {@code totalMilli} mWh, spread over several counters,
     * and whose unit id tells which copy it came from.
     */
    private static StoredState state(long totalMilli, int unitId) {
        long[] counters = new long[EnergyCounters.SIZE];
        counters[0] = totalMilli / 2; // L1 active forward T1
        counters[13] = totalMilli / 4; // L2 active forward T2
        counters[27] = totalMilli - totalMilli / 2 - totalMilli / 4; // L3 active reverse T1
        counters[6] = 777_777; // L1 reactive: not part of the total
        Settings settings = new Settings(unitId, 4800, Parity.NONE, 5, false, Tariff.T2);
        return new StoredState(EnergyCounters.of(counters), settings, unitId * 3);
    }

    private static NvCopy.Intact intact(long sequence, long totalMilli, int unitId) {
        NvCopy.Intact copy = new NvCopy.Intact(sequence, state(totalMilli, unitId));
        assertThat(copy.totalActiveMilli()).isEqualTo(totalMilli);
        return copy;
    }

    private static NvCopy damaged(long totalMilli) {
        return new NvCopy.Damaged(OptionalLong.of(totalMilli), "checksum mismatch");
    }

    /** Where a check goes on from: a copy's state, or the factory's. */
    private enum From {
        MAIN,
        BACKUP,
        FACTORY
    }

    /** One power-on: the two copies, the error the meter shows (none: passes) and where it goes on from. */
    private record Power(String what, NvCopy main, NvCopy backup, Optional<StorageError> error, From from) {
        @Override
        public String toString() {
            return what;
        }
    }

    private static Power passes(String what, NvCopy main, NvCopy backup, From from) {
        return new Power(what, main, backup, Optional.empty(), from);
    }

    private static Power shows(StorageError error, String what, NvCopy main, NvCopy backup, From from) {
        return new Power(what, main, backup, Optional.of(error), from);
    }

    static List<Power> powerOns() {
        return List.of(
                // --- no error
                passes("both missing: a new meter", MISSING, MISSING, From.FACTORY),
                passes("identical copies", intact(9, 12_345_678, 11), intact(9, 12_345_678, 11), From.MAIN),
                // main saved at 101 with 2 kWh more than backup, still at 100: the power cut fell between the writes
                passes(
                        "a crash between the two writes leaves main one save ahead",
                        intact(101, 7_000_000, 11),
                        intact(100, 5_000_000, 22),
                        From.MAIN),
                passes(
                        "the newest wins whichever copy it is",
                        intact(100, 5_000_000, 11),
                        intact(101, 5_120_000, 22),
                        From.BACKUP),
                // 12.340 and 12.349 kWh both show as 12.34: the meter could not tell them apart
                passes(
                        "far apart but the same to the hundredth of a kWh",
                        intact(50, 12_349_999, 11),
                        intact(40, 12_340_000, 22),
                        From.MAIN),
                // the first save ever was cut between main and backup
                passes("one intact and one never written", intact(1, 1_500, 11), MISSING, From.MAIN),
                passes("backup alone is taken up too", MISSING, intact(30, 1_500, 22), From.BACKUP),
                // --- ERR 0C: both intact, integer kWh differ beyond one save step
                shows(
                        StorageError.ERR_0C,
                        "both intact far apart with different integer kWh",
                        intact(200, 8_000_000, 11),
                        intact(150, 5_000_000, 22),
                        From.MAIN),
                // nothing in the newest intact copy is lost, even when an older copy claims more energy
                shows(
                        StorageError.ERR_0C,
                        "goes on from the newest even when it is the backup with less energy",
                        intact(10, 9_000_000, 11),
                        intact(12, 3_000_000, 22),
                        From.BACKUP),
                // 0.999999 kWh against 1.000000 kWh: the integer digit differs
                shows(
                        StorageError.ERR_0C,
                        "the integer kWh boundary is exact",
                        intact(3, 999_999, 11),
                        intact(5, 1_000_000, 22),
                        From.BACKUP),
                // --- ERR 1d: both intact, integer equal, decimals differ beyond one save step
                shows(
                        StorageError.ERR_1D,
                        "both intact far apart with equal integer and other decimals",
                        intact(200, 12_350_000, 11),
                        intact(150, 12_349_999, 22),
                        From.MAIN),
                // --- ERR 0d: a copy fails its checksum and integer kWh differ
                shows(
                        StorageError.ERR_0D,
                        "damaged main with other integer kWh goes on from backup",
                        damaged(5_200_000),
                        intact(77, 4_200_000, 22),
                        From.BACKUP),
                shows(
                        StorageError.ERR_0D,
                        "damaged backup with other integer kWh goes on from main",
                        intact(77, 4_200_000, 11),
                        damaged(3_999_999),
                        From.MAIN),
                // its energy is unknown, so it cannot be shown to agree
                shows(
                        StorageError.ERR_0D,
                        "a truncated copy beside an intact one",
                        intact(77, 4_200_000, 11),
                        TRUNCATED,
                        From.MAIN),
                // --- ERR 1d from a damaged copy: integer kWh equal
                shows(
                        StorageError.ERR_1D,
                        "a damaged copy with equal kWh",
                        intact(77, 4_200_000, 11),
                        damaged(4_200_000),
                        From.MAIN),
                shows(
                        StorageError.ERR_1D,
                        "a damaged copy with equal integer and other decimals",
                        damaged(4_990_000),
                        intact(77, 4_200_000, 22),
                        From.BACKUP),
                // --- ERR 0F: the store exists but cannot be read
                shows(StorageError.ERR_0F, "both damaged", damaged(4_200_000), TRUNCATED, From.FACTORY),
                shows(StorageError.ERR_0F, "damaged main, missing backup", damaged(1), MISSING, From.FACTORY),
                shows(StorageError.ERR_0F, "missing main, truncated backup", MISSING, TRUNCATED, From.FACTORY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("powerOns")
    void thePowerOnCheckShowsItsErrorAndGoesOnFromTheRightCopy(Power power) {
        StorageCheck check = StorageCheck.of(power.main(), power.backup(), FACTORY);

        assertThat(check.error()).isEqualTo(power.error());
        switch (power.from()) {
            case MAIN -> assertGoesOnFrom(check, (NvCopy.Intact) power.main());
            case BACKUP -> assertGoesOnFrom(check, (NvCopy.Intact) power.backup());
            case FACTORY -> {
                assertFresh(check);
                power.error().ifPresent(e -> assertThat(e.energyUnknown()).isTrue());
            }
        }
    }

    private static void assertGoesOnFrom(StorageCheck check, NvCopy.Intact copy) {
        assertThat(check.state()).isEqualTo(copy.state());
        assertThat(check.nextSequence()).isEqualTo(copy.sequence() + 1);
    }

    private static void assertFresh(StorageCheck check) {
        assertThat(check.state()).isEqualTo(StoredState.factoryNew(FACTORY));
        assertThat(check.nextSequence()).isEqualTo(1);
    }

    @Test
    void factorySettingsOfANewMeterAreTheGivenOnes() {
        Settings mine = FACTORY.withUnitId(42).withBaud(1200);

        assertThat(StorageCheck.of(MISSING, MISSING, mine).state().settings()).isEqualTo(mine);
    }

    // --- ERR 0F: a copy that exists but could not be read (not its content) -------------------

    @Test
    void aCopyThatCannotBeReadIsErr0FEvenBesideAnIntactOneAndNothingMayBeSavedOverIt() {
        NvCopy unreadable = new NvCopy.Unreadable("AccessDeniedException main.nv");
        NvCopy.Intact backup = intact(77, 4_200_000, 22);

        for (StorageCheck check : List.of(
                StorageCheck.of(unreadable, backup, FACTORY),
                StorageCheck.of(backup, unreadable, FACTORY),
                StorageCheck.of(unreadable, MISSING, FACTORY))) {
            assertThat(check.error()).contains(StorageError.ERR_0F);
            assertThat(check.readable()).isFalse();
            assertThat(check.readFailure().orElseThrow()).contains("cannot be read: AccessDeniedException main.nv");
            assertFresh(check);
        }
    }

    @Test
    void copiesThatWereReadAreReadable() {
        assertThat(StorageCheck.of(TRUNCATED, TRUNCATED, FACTORY).readable()).isTrue();
        assertThat(StorageCheck.of(MISSING, MISSING, FACTORY).readable()).isTrue();
    }

    // --- ERR 80: the store cannot be created ----------------------------------------------------

    @Test
    void storeThatCannotBeCreatedIsErr80() {
        StorageCheck check = StorageCheck.cannotInitialize(FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_80);
        assertFresh(check);
        assertThat(check.error().get().energyUnknown()).isTrue();
    }

    // --- the table as a whole -------------------------------------------------------------------

    @Test
    void everyCodeOfTheSpecTableIsProducedAndEachShowsAsOnTheLcd() {
        List<StorageCheck> checks = List.of(
                StorageCheck.cannotInitialize(FACTORY),
                StorageCheck.of(TRUNCATED, TRUNCATED, FACTORY),
                StorageCheck.of(intact(5, 2_000_000, 11), damaged(1_000_000), FACTORY),
                StorageCheck.of(intact(5, 2_000_000, 11), intact(2, 1_000_000, 22), FACTORY),
                StorageCheck.of(intact(5, 2_010_000, 11), intact(2, 2_000_000, 22), FACTORY));

        Set<StorageError> produced = EnumSet.noneOf(StorageError.class);
        checks.forEach(c -> c.error().ifPresent(produced::add));

        assertThat(produced).isEqualTo(EnumSet.allOf(StorageError.class));
        assertThat(checks)
                .extracting(c -> c.error().map(StorageError::lcdText).orElseThrow())
                .containsExactly("ERR 80", "ERR 0F", "ERR 0d", "ERR 0C", "ERR 1d");
        assertThat(checks)
                .extracting(c -> c.error().orElseThrow().code())
                .containsExactly(0x80, 0x0F, 0x0D, 0x0C, 0x1D);
    }

    @Test
    void aCheckThatPassesCarriesNoError() {
        assertThat(StorageCheck.of(intact(5, 2_000_000, 11), intact(4, 1_000_000, 22), FACTORY)
                        .error())
                .isEqualTo(Optional.empty());
    }
}
