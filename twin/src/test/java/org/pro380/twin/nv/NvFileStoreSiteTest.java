package org.pro380.twin.nv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.nv.Stores.siteState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StorageError;
import org.pro380.meter.StoredState;
import org.pro380.registers.Settings;

/** A store holding a site of many meters: one record per meter in each copy, each meter checked on its own. */
class NvFileStoreSiteTest extends StoreDirTest {

    private static final int RECORD = 323; // NvCodec's documented length, not read from the code under test

    /** Factory settings of a site of n meters: unit ids 1, 2, 3..., so a mixed-up meter would show. */
    private static List<Settings> factory(int n) {
        return IntStream.rangeClosed(1, n)
                .mapToObj(k -> Settings.factory().withUnitId((k - 1) % 247 + 1))
                .toList();
    }

    /** A round where every meter k writes {@code siteState(k, round)} at sequence {@code round}. */
    private static List<MeterSave> round(int meters, long round) {
        return IntStream.rangeClosed(1, meters)
                .mapToObj(k -> MeterSave.of(round, siteState(k, round)))
                .toList();
    }

    private void saveRounds(int meters, long rounds) {
        for (long r = 1; r <= rounds; r++) {
            assertThat(store.save(round(meters, r)).complete()).isTrue();
        }
    }

    private static byte[] record(Path file, int meter) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Arrays.copyOfRange(bytes, (meter - 1) * RECORD, meter * RECORD);
    }

    // --- layout -----------------------------------------------------------------------------------

    @Test
    void meterKIsTheRecordAtOffsetKMinusOneTimesTheRecordLength() throws IOException {
        List<MeterSave> saves = new ArrayList<>();
        for (int k = 1; k <= 4; k++) {
            saves.add(MeterSave.of(100L * k, siteState(k, 1)));
        }

        assertThat(store.save(saves).complete()).isTrue();

        for (Path file : List.of(main(), backup())) {
            assertThat(file).hasSize(4 * RECORD);
            for (int k = 1; k <= 4; k++) {
                assertThat(record(file, k))
                        .as("%s meter %d", file.getFileName(), k)
                        .isEqualTo(NvCodec.encode(100L * k, siteState(k, 1)));
            }
        }
        List<StorageCheck> checks = store.check(factory(4));
        for (int k = 1; k <= 4; k++) {
            assertGoesOn(checks.get(k - 1), Optional.empty(), siteState(k, 1), 100L * k + 1);
        }
        assertThat(store.describeLastCheck()).isEqualTo("4 meters: 4 intact");
    }

    @Test
    void oneMeterIsCheckedAloneAsTheWholeSiteCheckChecksIt() throws IOException {
        saveRounds(4, 3);
        Files.write(main(), new byte[] {0x55}, java.nio.file.StandardOpenOption.WRITE); // meter 1's main record damaged
        List<StorageCheck> all = store.check(factory(4));
        String lastCheck = store.describeLastCheck();

        for (int k = 1; k <= 4; k++) {
            assertThat(store.check(k, factory(4).get(k - 1))).as("meter %d", k).isEqualTo(all.get(k - 1));
        }
        assertThat(store.describeLastCheck())
                .as("the site's check is still the last")
                .isEqualTo(lastCheck);
    }

    @Test
    void aSiteOfOneMeterReadsTheFilesOfTheSingleMeterFormat() throws IOException {
        // what a twin of one meter wrote before there were sites: one NvCodec record per file
        Files.write(main(), NvCodec.encode(5, siteState(1, 5)));
        Files.write(backup(), NvCodec.encode(4, siteState(1, 4)));

        assertGoesOn(store.check(Settings.factory()), Optional.empty(), siteState(1, 5), 6);
        store.save(6, siteState(1, 6));

        assertThat(Files.readAllBytes(main())).isEqualTo(NvCodec.encode(6, siteState(1, 6)));
        assertThat(Files.readAllBytes(backup())).isEqualTo(NvCodec.encode(6, siteState(1, 6)));
    }

    @Test
    void aSiteGrownFromOneMeterKeepsMeterOneAndStartsTheOthersNew() throws IOException {
        Files.write(main(), NvCodec.encode(5, siteState(1, 5)));
        Files.write(backup(), NvCodec.encode(5, siteState(1, 5)));

        List<StorageCheck> checks = store.check(factory(3));

        assertGoesOn(checks.get(0), Optional.empty(), siteState(1, 5), 6);
        assertGoesOn(
                checks.get(1),
                Optional.empty(),
                StoredState.factoryNew(factory(3).get(1)),
                1);
        assertGoesOn(
                checks.get(2),
                Optional.empty(),
                StoredState.factoryNew(factory(3).get(2)),
                1);
        assertThat(store.describeLastCheck()).isEqualTo("3 meters: 1 intact, 2 new");
    }

    // --- damage stays with its meter ------------------------------------------------------------------

    @Test
    void aFlippedByteInMeter3sMainRecordDamagesMeter3Only() throws IOException {
        saveRounds(4, 7);
        flipByte(main(), 2 * RECORD + 100); // a counter of meter 3, not its total

        List<StorageCheck> checks = store.check(factory(4));

        for (int k : new int[] {1, 2, 4}) {
            assertGoesOn(checks.get(k - 1), Optional.empty(), siteState(k, 7), 8);
        }
        // spec section 8: a copy fails its checksum, integer and decimal kWh equal: ERR 1d, from the backup
        assertGoesOn(checks.get(2), Optional.of(StorageError.ERR_1D), siteState(3, 7), 8);
        assertThat(store.describeLastCheck())
                .isEqualTo("4 meters: 3 intact, 1 with an error; with an error: "
                        + "[meter 3: main.nv: damaged (checksum mismatch), 7003.279000 kWh; "
                        + "backup.nv: intact, sequence 7, 7003.279000 kWh; going on from backup.nv: "
                        + "ERR 1d (integer or decimal kWh of main and backup differ)]");
    }

    @Test
    void aDamagedTotalInMeter2sBackupIsErr0dForMeter2Only() throws IOException {
        saveRounds(3, 2);
        flipByte(backup(), RECORD + 18); // bit 24 of meter 2's total

        List<StorageCheck> checks = store.check(factory(3));

        assertThat(checks)
                .extracting(StorageCheck::error)
                .containsExactly(Optional.empty(), Optional.of(StorageError.ERR_0D), Optional.empty());
        assertThat(checks.get(1).state()).isEqualTo(siteState(2, 2));
    }

    @Test
    void aFileCutInsideMeter3sRecordDamagesMeter3AndMeter4IsMissingFromIt() throws IOException {
        saveRounds(4, 3);
        Files.write(main(), Arrays.copyOf(Files.readAllBytes(main()), 2 * RECORD + 161));

        List<StorageCheck> checks = store.check(factory(4));

        assertGoesOn(checks.get(0), Optional.empty(), siteState(1, 3), 4);
        assertGoesOn(checks.get(1), Optional.empty(), siteState(2, 3), 4);
        assertGoesOn(checks.get(2), Optional.of(StorageError.ERR_1D), siteState(3, 3), 4); // its total is still there
        assertGoesOn(checks.get(3), Optional.empty(), siteState(4, 3), 4); // missing from main, intact in backup
        assertThat(store.describeLastCheck()).contains("[meter 3: main.nv: damaged (length 161, expected 323)");
    }

    @Test
    void anEmptyMainIsDamagedForMeter1AndMissingForTheOthers() throws IOException {
        saveRounds(3, 2);
        Files.write(main(), new byte[0]);

        List<StorageCheck> checks = store.check(factory(3));

        assertThat(checks)
                .extracting(StorageCheck::error)
                .containsExactly(Optional.of(StorageError.ERR_0D), Optional.empty(), Optional.empty());
        assertThat(checks)
                .extracting(StorageCheck::state)
                .containsExactly(siteState(1, 2), siteState(2, 2), siteState(3, 2));
    }

    @Test
    void aSummaryDetailsTheFirstThreeMetersWithAnErrorAndCountsTheRest() throws IOException {
        saveRounds(10, 1);
        for (int k : new int[] {2, 5, 6, 9, 10}) {
            flipByte(main(), (k - 1) * RECORD + 100);
        }
        Files.delete(backup());

        store.check(factory(12));

        assertThat(store.describeLastCheck())
                .startsWith("12 meters: 5 intact, 2 new, 5 with an error; "
                        + "with an error: [meter 2: main.nv: damaged (checksum mismatch)")
                .contains("] [meter 5: ")
                .contains("] [meter 6: ")
                .doesNotContain("meter 9")
                .endsWith("] and 2 more");
    }

    @ParameterizedTest
    @EnumSource(
            value = StorageError.class,
            names = {"ERR_0F", "ERR_0D", "ERR_0C", "ERR_1D"})
    void aStorageFaultDamagesItsMetersRecordsOnlyAndTheCheckFindsIt(StorageError error) throws IOException {
        saveRounds(3, 4);
        byte[] meter1 = record(main(), 1);
        byte[] meter3 = record(backup(), 3);

        assertThat(store.damage(2, error, factory(3).get(1))).isEmpty();

        assertThat(record(main(), 1)).isEqualTo(meter1);
        assertThat(record(backup(), 3)).isEqualTo(meter3);
        List<StorageCheck> checks = store.check(factory(3));
        assertThat(checks)
                .extracting(StorageCheck::error)
                .containsExactly(Optional.empty(), Optional.of(error), Optional.empty());
        if (error != StorageError.ERR_0F) {
            assertThat(checks.get(1).state()).isEqualTo(siteState(2, 4));
        }
    }

    @Test
    void aSiteWhoseFirstMeterWasNeverSavedHasItNewNotDamaged() {
        assertThat(store.save(List.of(MeterSave.keep(), MeterSave.of(1, siteState(2, 1))))
                        .complete())
                .isTrue();

        List<StorageCheck> checks = store.check(factory(2));

        assertThat(checks).extracting(StorageCheck::error).containsExactly(Optional.empty(), Optional.empty());
        assertThat(checks.get(0).state())
                .isEqualTo(StoredState.factoryNew(factory(2).get(0)));
    }

    // --- a crash between the two copies -----------------------------------------------------------

    /** Thrown between the two replaces of a round: the process stops there, as if killed. */
    private static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private void crashBetweenTheCopies(List<MeterSave> round) {
        store.betweenCopies(() -> {
            throw new Crash();
        });
        assertThatThrownBy(() -> store.save(round)).isInstanceOf(Crash.class);
    }

    private void restart() throws Exception {
        store.close();
        store = NvFileStore.open(dir);
    }

    @ParameterizedTest(name = "checked before saving: {0}")
    @ValueSource(booleans = {true, false})
    void twoCrashesInARowBetweenTheCopiesLeaveThemOneSaveApart(boolean checkFirst) throws Exception {
        saveRounds(3, 1);
        crashBetweenTheCopies(round(3, 2)); // one copy holds round 2, the other round 1
        restart();
        if (checkFirst) {
            assertThat(store.check(factory(3)))
                    .extracting(StorageCheck::nextSequence)
                    .containsOnly(3L);
        }

        crashBetweenTheCopies(round(3, 3)); // the copy that holds round 1 must be the one written first
        restart();

        List<StorageCheck> checks = store.check(factory(3));
        for (int k = 1; k <= 3; k++) {
            assertGoesOn(checks.get(k - 1), Optional.empty(), siteState(k, 3), 4);
        }
        assertThat(store.describeLastCheck()).isEqualTo("3 meters: 3 intact");
        assertThat(NvCodec.decode(record(main(), 1))).isEqualTo(new NvCopy.Intact(2, siteState(1, 2)));
        assertThat(NvCodec.decode(record(backup(), 1))).isEqualTo(new NvCopy.Intact(3, siteState(1, 3)));
    }

    @Test
    void aRoundAfterACopyFailedWritesThatCopyFirst() throws Exception {
        saveRounds(2, 1);
        Files.createDirectories(dir.resolve("backup.nv.tmp").resolve("in-the-way")); // not removable by the store
        assertThat(store.save(round(2, 2)).backupFailure()).isPresent(); // main 2, backup 1
        deleteTree(dir.resolve("backup.nv.tmp"));

        crashBetweenTheCopies(round(2, 3));

        assertThat(NvCodec.decode(record(backup(), 2))).isEqualTo(new NvCopy.Intact(3, siteState(2, 3)));
        assertThat(NvCodec.decode(record(main(), 2))).isEqualTo(new NvCopy.Intact(2, siteState(2, 2)));
    }

    private static void deleteTree(Path path) throws IOException {
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // --- nothing saved is lost ----------------------------------------------------------------------

    @Test
    void recordsPastTheSitesLastMeterAreKeptByteForByte() throws Exception {
        saveRounds(5, 2);
        byte[] main45 = Arrays.copyOfRange(Files.readAllBytes(main()), 3 * RECORD, 5 * RECORD);
        byte[] backup45 = Arrays.copyOfRange(Files.readAllBytes(backup()), 3 * RECORD, 5 * RECORD);
        store.close();
        store = NvFileStore.open(dir);

        List<StorageCheck> checks = store.check(factory(3));
        assertThat(store.describeLastCheck())
                .isEqualTo("3 meters: 3 intact; records past meter 3 kept as they are: 2 in main.nv, 2 in backup.nv");
        store.save(round(3, checks.get(0).nextSequence()));

        for (Path file : List.of(main(), backup())) {
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes).hasSize(5 * RECORD);
            assertThat(record(file, 3)).isEqualTo(NvCodec.encode(3, siteState(3, 3)));
            assertThat(Arrays.copyOfRange(bytes, 3 * RECORD, 5 * RECORD))
                    .isEqualTo(file.equals(main()) ? main45 : backup45);
        }
    }

    @Test
    void aMeterThatKeepsItsRecordsGetsExactlyTheBytesOnDisk() throws IOException {
        saveRounds(3, 4);
        flipByte(main(), RECORD + 200); // meter 2's main record, damaged
        byte[] damagedMain2 = record(main(), 2);
        byte[] backup2 = record(backup(), 2);
        store.check(factory(3));

        SaveResult result = store.save(
                List.of(MeterSave.of(5, siteState(1, 5)), MeterSave.keep(), MeterSave.of(5, siteState(3, 5))));

        assertThat(result.complete()).isTrue();
        assertThat(record(main(), 2)).isEqualTo(damagedMain2);
        assertThat(record(backup(), 2)).isEqualTo(backup2);
        assertThat(record(main(), 1)).isEqualTo(record(backup(), 1)).isEqualTo(NvCodec.encode(5, siteState(1, 5)));
        assertThat(record(main(), 3)).isEqualTo(NvCodec.encode(5, siteState(3, 5)));
    }

    @Test
    void aKeptRecordIsWhatIsOnDiskNotWhatAFailedRoundMeantToWrite() throws IOException {
        saveRounds(3, 1);
        byte[] main2 = record(main(), 2);
        Path blocker = Files.createDirectory(dir.resolve("main.nv.tmp"));
        assertThat(store.save(round(3, 2)).mainFailure()).isPresent(); // round 2 never reached main
        Files.deleteIfExists(blocker); // the failed replace may have removed it already

        SaveResult result = store.save(
                List.of(MeterSave.of(3, siteState(1, 3)), MeterSave.keep(), MeterSave.of(3, siteState(3, 3))));

        assertThat(result.complete()).isTrue();
        assertThat(record(main(), 2)).isEqualTo(main2);
        assertThat(record(backup(), 2)).isEqualTo(NvCodec.encode(2, siteState(2, 2)));
        assertThat(record(main(), 3)).isEqualTo(NvCodec.encode(3, siteState(3, 3)));
    }

    @Test
    void aSaveWithoutACheckKeepsTheRecordsAlreadyOnDisk() throws Exception {
        saveRounds(4, 1);
        byte[] main4 = record(main(), 4);
        store.close();
        store = NvFileStore.open(dir);

        store.save(round(2, 2));

        assertThat(main()).hasSize(4 * RECORD);
        assertThat(record(main(), 4)).isEqualTo(main4);
    }

    // --- a file that cannot be read -------------------------------------------------------------------

    @Test
    void aMainThatCannotBeReadIsUnreadableForEveryMeterAndIsNotSavedOver() throws IOException {
        saveRounds(3, 2);
        byte[] backupBefore = Files.readAllBytes(backup());
        Files.delete(main());
        Files.createDirectory(main()); // cannot be read, even by root

        List<StorageCheck> checks = store.check(factory(3));

        for (int k = 1; k <= 3; k++) {
            StorageCheck check = checks.get(k - 1);
            assertGoesOn(
                    check,
                    Optional.of(StorageError.ERR_0F),
                    StoredState.factoryNew(factory(3).get(k - 1)),
                    1);
            assertThat(check.readFailure().orElseThrow())
                    .isEqualTo("main copy cannot be read: IOException Is a directory");
        }
        assertThat(store.describeLastCheck())
                .isEqualTo("3 meters: 3 cannot be read (main.nv: IOException Is a directory)");

        SaveResult result = store.save(Collections.nCopies(3, MeterSave.keep()));

        assertThat(result.mainFailure().orElseThrow())
                .isEqualTo("cannot be read, so nothing is saved over it: IOException Is a directory");
        assertThat(result.backupFailure()).isEmpty();
        assertThat(main()).isDirectory();
        assertThat(Files.readAllBytes(backup())).isEqualTo(backupBefore);
    }

    @Test
    void aSiteHasAtLeastOneMeter() {
        assertThatThrownBy(() -> store.check(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a site has 1..");
        assertThatThrownBy(() -> store.save(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSiteOfManyMetersRoundTrips() {
        int meters = 2_000;
        IntFunction<MeterSave> save = k -> MeterSave.of(k, Stores.stateOfKwh(k));
        store.save(IntStream.rangeClosed(1, meters).mapToObj(save).toList());

        List<StorageCheck> checks = store.check(factory(meters));

        for (int k = 1; k <= meters; k++) {
            assertGoesOn(checks.get(k - 1), Optional.empty(), Stores.stateOfKwh(k), k + 1);
        }
        assertThat(main()).hasSize((long) meters * RECORD);
    }
}
