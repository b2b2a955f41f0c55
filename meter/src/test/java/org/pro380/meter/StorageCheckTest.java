package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
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
        counters[0] = totalMilli / 2;             // L1 active forward T1
        counters[13] = totalMilli / 4;            // L2 active forward T2
        counters[27] = totalMilli - totalMilli / 2 - totalMilli / 4; // L3 active reverse T1
        counters[6] = 777_777;                    // L1 reactive: not part of the total
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

    private static void assertGoesOnFrom(StorageCheck check, NvCopy.Intact copy) {
        assertThat(check.state()).isEqualTo(copy.state());
        assertThat(check.nextSequence()).isEqualTo(copy.sequence() + 1);
    }

    private static void assertFresh(StorageCheck check) {
        assertThat(check.state()).isEqualTo(StoredState.factoryNew(FACTORY));
        assertThat(check.nextSequence()).isEqualTo(1);
    }

    // --- no error -----------------------------------------------------------------------------

    @Test
    void bothMissingIsANewMeter() {
        StorageCheck check = StorageCheck.of(MISSING, MISSING, FACTORY);

        assertFresh(check);
        assertThat(check.error()).isEmpty();
    }

    @Test
    void factorySettingsOfANewMeterAreTheGivenOnes() {
        Settings mine = FACTORY.withUnitId(42).withBaud(1200);

        assertThat(StorageCheck.of(MISSING, MISSING, mine).state().settings()).isEqualTo(mine);
    }

    @Test
    void identicalCopiesPass() {
        NvCopy.Intact main = intact(9, 12_345_678, 11);
        NvCopy.Intact backup = intact(9, 12_345_678, 11);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, main);
    }

    @Test
    void crashBetweenTheTwoWritesLeavesMainOneSaveAheadAndPasses() {
        // main saved at 101 with 2 kWh more than backup, still at 100: the power cut fell between the writes
        NvCopy.Intact main = intact(101, 7_000_000, 11);
        NvCopy.Intact backup = intact(100, 5_000_000, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, main);
        assertThat(check.nextSequence()).isEqualTo(102);
    }

    @Test
    void newestWinsWhicheverCopyItIs() {
        NvCopy.Intact main = intact(100, 5_000_000, 11);
        NvCopy.Intact backup = intact(101, 5_120_000, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, backup);
    }

    @Test
    void farApartButTheSameToTheHundredthOfAKilowattHourPasses() {
        // 12.340 and 12.349 kWh both show as 12.34: the meter could not tell them apart
        NvCopy.Intact main = intact(50, 12_349_999, 11);
        NvCopy.Intact backup = intact(40, 12_340_000, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, main);
    }

    @Test
    void oneIntactAndOneNeverWrittenPasses() {
        // the first save ever was cut between main and backup
        NvCopy.Intact main = intact(1, 1_500, 11);

        StorageCheck check = StorageCheck.of(main, MISSING, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, main);
    }

    @Test
    void backupAloneIsTakenUpToo() {
        NvCopy.Intact backup = intact(30, 1_500, 22);

        StorageCheck check = StorageCheck.of(MISSING, backup, FACTORY);

        assertThat(check.error()).isEmpty();
        assertGoesOnFrom(check, backup);
    }

    // --- ERR 0C: both intact, integer kWh differ beyond one save step ---------------------------

    @Test
    void bothIntactFarApartWithDifferentIntegerKwhIsErr0C() {
        NvCopy.Intact main = intact(200, 8_000_000, 11);
        NvCopy.Intact backup = intact(150, 5_000_000, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0C);
        assertGoesOnFrom(check, main);
    }

    @Test
    void err0CGoesOnFromTheNewestEvenWhenItIsTheBackupWithLessEnergy() {
        // nothing in the newest intact copy is lost, even when an older copy claims more energy
        NvCopy.Intact main = intact(10, 9_000_000, 11);
        NvCopy.Intact backup = intact(12, 3_000_000, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0C);
        assertGoesOnFrom(check, backup);
        assertThat(check.nextSequence()).isEqualTo(13);
    }

    @Test
    void integerKwhBoundaryIsExact() {
        // 0.999999 kWh against 1.000000 kWh: the integer digit differs
        StorageCheck check = StorageCheck.of(intact(3, 999_999, 11), intact(5, 1_000_000, 22), FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0C);
    }

    // --- ERR 1d: both intact, integer equal, decimals differ beyond one save step ----------------

    @Test
    void bothIntactFarApartWithEqualIntegerAndDifferentDecimalsIsErr1d() {
        NvCopy.Intact main = intact(200, 12_350_000, 11);
        NvCopy.Intact backup = intact(150, 12_349_999, 22);

        StorageCheck check = StorageCheck.of(main, backup, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_1D);
        assertGoesOnFrom(check, main);
    }

    // --- ERR 0d: a copy fails its checksum and integer kWh differ -------------------------------

    @Test
    void damagedMainWithDifferentIntegerKwhIsErr0dAndGoesOnFromBackup() {
        NvCopy.Intact backup = intact(77, 4_200_000, 22);

        StorageCheck check = StorageCheck.of(damaged(5_200_000), backup, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0D);
        assertGoesOnFrom(check, backup);
    }

    @Test
    void damagedBackupWithDifferentIntegerKwhIsErr0dAndGoesOnFromMain() {
        NvCopy.Intact main = intact(77, 4_200_000, 11);

        StorageCheck check = StorageCheck.of(main, damaged(3_999_999), FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0D);
        assertGoesOnFrom(check, main);
    }

    @Test
    void truncatedCopyBesideAnIntactOneIsErr0d() {
        // its energy is unknown, so it cannot be shown to agree
        NvCopy.Intact main = intact(77, 4_200_000, 11);

        StorageCheck check = StorageCheck.of(main, TRUNCATED, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0D);
        assertGoesOnFrom(check, main);
    }

    // --- ERR 1d from a damaged copy: integer kWh equal ------------------------------------------

    @Test
    void damagedCopyWithEqualKwhIsErr1d() {
        NvCopy.Intact main = intact(77, 4_200_000, 11);

        StorageCheck check = StorageCheck.of(main, damaged(4_200_000), FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_1D);
        assertGoesOnFrom(check, main);
    }

    @Test
    void damagedCopyWithEqualIntegerAndOtherDecimalsIsErr1d() {
        NvCopy.Intact backup = intact(77, 4_200_000, 22);

        StorageCheck check = StorageCheck.of(damaged(4_990_000), backup, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_1D);
        assertGoesOnFrom(check, backup);
    }

    // --- ERR 0F: the store exists but cannot be read --------------------------------------------

    @Test
    void bothDamagedIsErr0F() {
        StorageCheck check = StorageCheck.of(damaged(4_200_000), TRUNCATED, FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0F);
        assertFresh(check);
        assertThat(check.error().get().energyUnknown()).isTrue();
    }

    @Test
    void oneDamagedAndOneMissingIsErr0F() {
        assertThat(StorageCheck.of(damaged(1), MISSING, FACTORY).error()).contains(StorageError.ERR_0F);
        assertThat(StorageCheck.of(MISSING, TRUNCATED, FACTORY).error()).contains(StorageError.ERR_0F);
        assertFresh(StorageCheck.of(MISSING, TRUNCATED, FACTORY));
    }

    // --- ERR 0F: a copy that exists but could not be read (not its content) -------------------

    @Test
    void aCopyThatCannotBeReadIsErr0FEvenBesideAnIntactOneAndNothingMayBeSavedOverIt() {
        NvCopy unreadable = new NvCopy.Unreadable("AccessDeniedException main.nv");
        NvCopy.Intact backup = intact(77, 4_200_000, 22);

        for (StorageCheck check : List.of(StorageCheck.of(unreadable, backup, FACTORY),
                StorageCheck.of(backup, unreadable, FACTORY), StorageCheck.of(unreadable, MISSING, FACTORY))) {
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
        assertThat(checks).extracting(c -> c.error().map(StorageError::lcdText).orElseThrow())
                .containsExactly("ERR 80", "ERR 0F", "ERR 0d", "ERR 0C", "ERR 1d");
        assertThat(checks).extracting(c -> c.error().orElseThrow().code())
                .containsExactly(0x80, 0x0F, 0x0D, 0x0C, 0x1D);
    }

    @Test
    void aCheckThatPassesCarriesNoError() {
        assertThat(StorageCheck.of(intact(5, 2_000_000, 11), intact(4, 1_000_000, 22), FACTORY).error())
                .isEqualTo(Optional.empty());
    }
}
