package org.pro380.twin.nv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pro380.twin.nv.Stores.stateOfKwh;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StorageError;
import org.pro380.meter.StoredState;
import org.pro380.registers.Settings;

/** The store with real files: saves, checks, and stores prepared damaged on disk. */
class NvFileStoreTest extends StoreDirTest {

    private static final Settings FACTORY = Settings.factory().withUnitId(99);

    private static NvCopy copyIn(Path file) throws IOException {
        return NvCodec.decode(Files.readAllBytes(file));
    }

    private List<String> filesInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Saves at sequences 1..n, n kWh at save n, as a twin running for a while would. */
    private void saveUpTo(long n) throws IOException {
        for (long s = 1; s <= n; s++) {
            store.save(s, stateOfKwh(s));
        }
    }

    private static void truncate(Path file, int length) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), length));
    }

    // --- a good store ---------------------------------------------------------------------------

    @Test
    void newDirectoryIsCreatedAndIsANewMeter() {
        assertThat(dir).isDirectory();
        assertThat(store.stateDir()).isEqualTo(dir.toAbsolutePath());

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.empty(), StoredState.factoryNew(FACTORY), 1);
        assertThat(store.describeLastCheck())
                .isEqualTo("main.nv: missing; backup.nv: missing; going on from factory state: no error");
    }

    @Test
    void nestedDirectoriesAreCreated() throws Exception {
        Path deep = tmp.resolve("a/b/c");
        try (NvFileStore other = NvFileStore.open(deep)) {
            assertThat(deep.resolve("lock")).isRegularFile();
        }
    }

    @Test
    void whatIsSavedIsWhatTheCheckGoesOnFrom() throws IOException {
        store.save(1, stateOfKwh(1));
        store.save(2, stateOfKwh(2));

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.empty(), stateOfKwh(2), 3);
        assertThat(store.describeLastCheck())
                .isEqualTo("main.nv: intact, sequence 2, 2.279000 kWh; "
                        + "backup.nv: intact, sequence 2, 2.279000 kWh; going on from main.nv: no error");
    }

    @Test
    void bothCopiesHoldExactlyTheCodecsBytes() throws IOException {
        store.save(41, stateOfKwh(7));

        byte[] expected = NvCodec.encode(41, stateOfKwh(7));
        assertThat(Files.readAllBytes(main())).isEqualTo(expected);
        assertThat(Files.readAllBytes(backup())).isEqualTo(expected);
    }

    @Test
    void memorySurvivesClosingAndReopening() throws Exception {
        saveUpTo(5);
        store.close();

        store = NvFileStore.open(dir);

        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(5), 6);
    }

    @Test
    void noTempFileIsLeftAfterASave() throws IOException {
        saveUpTo(3);

        assertThat(filesInDir()).containsExactly("backup.nv", "lock", "main.nv");
    }

    @Test
    void tempFilesOfAnInterruptedSaveAreIgnoredAndRemovedAtOpen() throws Exception {
        saveUpTo(4);
        store.close();
        // killed while writing the next temp file: half an image
        Files.write(dir.resolve("main.nv.tmp"), Arrays.copyOf(NvCodec.encode(5, stateOfKwh(5)), 100));
        Files.write(dir.resolve("backup.nv.tmp"), new byte[0]);

        store = NvFileStore.open(dir);

        assertThat(filesInDir()).containsExactly("backup.nv", "lock", "main.nv");
        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(4), 5);
    }

    @Test
    void saveInterruptedBetweenMainAndBackupPasses() throws IOException {
        saveUpTo(3);
        // the power cut fell after main was replaced and before backup was
        Files.write(main(), NvCodec.encode(4, stateOfKwh(4)));

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.empty(), stateOfKwh(4), 5);
        assertThat(store.describeLastCheck())
                .contains("backup.nv: intact, sequence 3")
                .endsWith("going on from main.nv: no error");

        store.save(check.nextSequence(), stateOfKwh(5));
        assertThat(copyIn(main())).isEqualTo(copyIn(backup())).isEqualTo(new NvCopy.Intact(5, stateOfKwh(5)));
    }

    @Test
    void firstSaveInterruptedBeforeBackupPasses() throws IOException {
        Files.write(main(), NvCodec.encode(1, stateOfKwh(1)));

        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(1), 2);
    }

    // --- stores damaged on disk -------------------------------------------------------------------

    @Test
    void flippedByteInMainWithEqualEnergyIsErr1dAndGoesOnFromBackup() throws IOException {
        saveUpTo(7);
        flipByte(main(), 100); // a counter, not the total

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.of(StorageError.ERR_1D), stateOfKwh(7), 8);
        assertThat(store.describeLastCheck())
                .isEqualTo("main.nv: damaged (checksum mismatch), 7.279000 kWh; "
                        + "backup.nv: intact, sequence 7, 7.279000 kWh; going on from backup.nv: "
                        + "ERR 1d (integer or decimal kWh of main and backup differ)");
    }

    @Test
    void flippedByteInTheTotalOfMainIsErr0d() throws IOException {
        saveUpTo(7);
        flipByte(main(), 18); // bit 24 of the total: 16,777.216 Wh more

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.of(StorageError.ERR_0D), stateOfKwh(7), 8);
        assertThat(store.describeLastCheck()).startsWith("main.nv: damaged (checksum mismatch), 24.056216 kWh;");
    }

    @Test
    void backupTruncatedAfterItsTotalIsErr1d() throws IOException {
        saveUpTo(7);
        truncate(backup(), 100);

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.of(StorageError.ERR_1D), stateOfKwh(7), 8);
        assertThat(store.describeLastCheck())
                .contains("backup.nv: damaged (length 100, expected 323), 7.279000 kWh")
                .contains("going on from main.nv");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 10})
    void backupTruncatedBeforeItsTotalIsErr0d(int length) throws IOException {
        saveUpTo(7);
        truncate(backup(), length);

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.of(StorageError.ERR_0D), stateOfKwh(7), 8);
        assertThat(store.describeLastCheck()).contains("backup.nv: damaged (length " + length + ", expected 323);");
    }

    @Test
    void copyLongerThanOneRecordHoldsMoreMetersWhoseBytesAreKept() throws IOException {
        // A copy longer than one record was damaged when a store held one meter; now that a file
        // holds a site, the bytes past meter 1 are the records of meters this twin does not run.
        saveUpTo(2);
        byte[] longer = Arrays.copyOf(Files.readAllBytes(backup()), 70_000);
        Files.write(backup(), longer);

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.empty(), stateOfKwh(2), 3);
        assertThat(store.describeLastCheck())
                .endsWith("going on from main.nv: no error; "
                        + "records past meter 1 kept as they are: 216 in backup.nv");
        store.save(check.nextSequence(), stateOfKwh(3));
        byte[] after = Files.readAllBytes(backup());
        assertThat(after).hasSize(70_000);
        assertThat(Arrays.copyOfRange(after, 323, 70_000)).isEqualTo(Arrays.copyOfRange(longer, 323, 70_000));
        assertThat(copyIn(main())).isEqualTo(new NvCopy.Intact(3, stateOfKwh(3)));
    }

    @Test
    void deletedMainGoesOnFromBackup() throws IOException {
        saveUpTo(6);
        Files.delete(main());

        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(6), 7);
        assertThat(store.describeLastCheck())
                .startsWith("main.nv: missing;")
                .endsWith("going on from backup.nv: no error");
    }

    @Test
    void deletedBackupGoesOnFromMain() throws IOException {
        saveUpTo(6);
        Files.delete(backup());

        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(6), 7);
        assertThat(store.describeLastCheck()).contains("backup.nv: missing;");
    }

    @Test
    void bothUnreadableIsErr0FWithFactoryStateAndSaysWhy() throws IOException {
        saveUpTo(6);
        // a directory in place of each copy cannot be read, even by root (file modes would not stop root)
        for (Path copy : List.of(main(), backup())) {
            Files.delete(copy);
            Files.createDirectory(copy);
        }

        StorageCheck check = store.check(FACTORY);

        assertGoesOn(check, Optional.of(StorageError.ERR_0F), StoredState.factoryNew(FACTORY), 1);
        assertThat(check.readFailure().orElseThrow())
                .startsWith("main copy cannot be read: IOException Is a directory");
        assertThat(store.describeLastCheck())
                .startsWith("main.nv: cannot be read (IOException Is a directory)")
                .contains("backup.nv: cannot be read (IOException Is a directory)")
                .endsWith("going on from factory state: ERR 0F (cannot read data from the EEPROM)");
    }

    @Test
    void bothEmptyIsErr0FNotANewMeter() throws IOException {
        saveUpTo(6);
        truncate(main(), 0);
        truncate(backup(), 0);

        assertGoesOn(store.check(FACTORY), Optional.of(StorageError.ERR_0F), StoredState.factoryNew(FACTORY), 1);
    }

    @Test
    void bothFlippedIsErr0F() throws IOException {
        saveUpTo(6);
        flipByte(main(), 200);
        flipByte(backup(), 300);

        assertThat(store.check(FACTORY).error()).contains(StorageError.ERR_0F);
    }

    @Test
    void theNextSavesRepairADamagedStore() throws IOException {
        saveUpTo(7);
        flipByte(main(), 100);
        StorageCheck check = store.check(FACTORY);
        assertThat(check.error()).isPresent();

        store.save(check.nextSequence(), check.state());

        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(7), 9);
    }

    // --- failed saves -----------------------------------------------------------------------------

    @Test
    void aCopyThatCannotBeReadBesideAnIntactOneIsUnreadableNotDamaged() throws IOException {
        saveUpTo(6);
        Files.delete(main());
        Files.createDirectory(main());

        StorageCheck check = store.check(FACTORY);

        assertThat(check.error()).contains(StorageError.ERR_0F);
        assertThat(check.readable()).isFalse();
        assertThat(store.describeLastCheck())
                .startsWith("main.nv: cannot be read (")
                .contains("backup.nv: intact, sequence 6");
    }

    @Test
    void saveThatFailsOnBackupLeavesMainNewAndBackupOld() throws IOException {
        saveUpTo(2);
        Files.createDirectory(dir.resolve("backup.nv.tmp")); // the temp file cannot be created

        SaveResult result = store.save(3, stateOfKwh(3));

        assertThat(result.mainFailure()).isEmpty();
        assertThat(result.backupFailure().orElseThrow()).contains("backup.nv.tmp");
        assertThat(result.reachedACopy()).isTrue();
        assertThat(result.complete()).isFalse();
        assertThat(result.failure().orElseThrow()).startsWith("backup.nv: ");

        assertThat(copyIn(main())).isEqualTo(new NvCopy.Intact(3, stateOfKwh(3)));
        assertThat(copyIn(backup())).isEqualTo(new NvCopy.Intact(2, stateOfKwh(2)));
        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(3), 4);
    }

    @Test
    void saveThatFailsOnMainStillWritesTheBackup() throws IOException {
        saveUpTo(2);
        Files.createDirectory(dir.resolve("main.nv.tmp"));

        SaveResult result = store.save(3, stateOfKwh(3));

        assertThat(result.mainFailure().orElseThrow()).contains("main.nv.tmp");
        assertThat(result.backupFailure()).isEmpty();
        assertThat(result.reachedACopy()).isTrue();
        assertThat(copyIn(main())).isEqualTo(new NvCopy.Intact(2, stateOfKwh(2)));
        assertThat(copyIn(backup())).isEqualTo(new NvCopy.Intact(3, stateOfKwh(3)));
        assertGoesOn(store.check(FACTORY), Optional.empty(), stateOfKwh(3), 4);
    }

    @Test
    void aSaveThatReachesNeitherCopySaysWhyForEach() throws IOException {
        saveUpTo(2);
        Files.createDirectory(dir.resolve("main.nv.tmp"));
        Files.createDirectory(dir.resolve("backup.nv.tmp"));

        SaveResult result = store.save(3, stateOfKwh(3));

        assertThat(result.reachedACopy()).isFalse();
        assertThat(result.failure().orElseThrow()).startsWith("main.nv: ").contains("; backup.nv: ");
        assertThat(copyIn(main())).isEqualTo(copyIn(backup())).isEqualTo(new NvCopy.Intact(2, stateOfKwh(2)));
    }

    @Test
    void closedStoreRefusesToSaveOrCheck() {
        store.close();

        assertThatThrownBy(() -> store.save(1, stateOfKwh(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.check(FACTORY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void describeBeforeAnyCheck() {
        assertThat(store.describeLastCheck()).isEqualTo("not checked yet");
    }

    @Test
    void totalOfTheFixtureIsWhatTheDescriptionsSay() {
        // 7 kWh plus 1 Wh x (i + 1) in each active counter i: 0..5, 12..17 and 24..29 make 279 Wh
        long active = stateOfKwh(7).counters().totalActiveMilli();
        assertThat(active).isEqualTo(7_279_000L);
        assertThat(ByteBuffer.wrap(NvCodec.encode(1, stateOfKwh(7))).getLong(14))
                .isEqualTo(active);
    }
}
