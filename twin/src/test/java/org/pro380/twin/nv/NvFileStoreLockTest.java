package org.pro380.twin.nv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageCheck;
import org.pro380.registers.Settings;

/** Opening a state directory: one twin per directory, in this process or another; ERR 80 when it cannot be made. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NvFileStoreLockTest {

    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path tmp;

    private static String inUse(Path dir, long pid) {
        return "state directory " + dir.toAbsolutePath() + " is in use by another twin (pid " + pid + ")";
    }

    @Test
    void lockFileHoldsThePidOfItsHolder() throws Exception {
        try (NvFileStore store = NvFileStore.open(tmp)) {
            assertThat(Files.readString(tmp.resolve("lock")).trim()).isEqualTo(Long.toString(SELF));
        }
    }

    @Test
    void secondOpenInTheSameJvmIsRefusedInOneLine() throws Exception {
        try (NvFileStore first = NvFileStore.open(tmp)) {
            assertThatThrownBy(() -> NvFileStore.open(tmp))
                    .isInstanceOfSatisfying(StateDirLockedException.class, e -> {
                        assertThat(e.holderPid()).isEqualTo(OptionalLong.of(SELF));
                        assertThat(e.stateDir()).isEqualTo(tmp.toAbsolutePath());
                    })
                    .hasMessage(inUse(tmp, SELF))
                    .hasNoCause();
        }
    }

    @Test
    void anotherSpellingOfTheSameDirectoryIsRefusedToo() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("state"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), dir);
        try (NvFileStore first = NvFileStore.open(dir)) {
            assertThatThrownBy(() -> NvFileStore.open(link)).isInstanceOf(StateDirLockedException.class);
            assertThatThrownBy(() -> NvFileStore.open(tmp.resolve("x/../state")))
                    .isInstanceOf(StateDirLockedException.class);
        }
    }

    @Test
    void refusingASecondOpenKeepsTheFirstOnesLock() throws Exception {
        try (NvFileStore first = NvFileStore.open(tmp)) {
            assertThatThrownBy(() -> NvFileStore.open(tmp)).isInstanceOf(StateDirLockedException.class);

            // another process must still find the directory locked, by us
            try (Stores.Child child = Stores.startChild("hold", tmp)) {
                assertThat(child.nextLine()).isEqualTo("refused: " + inUse(tmp, SELF));
                assertThat(child.exitCode()).isEqualTo(3);
            }
            first.save(1, Stores.stateOfKwh(1));
        }
    }

    @Test
    void closeReleasesTheDirectoryAndIsIdempotent() throws Exception {
        NvFileStore first = NvFileStore.open(tmp);
        first.close();
        first.close();

        try (NvFileStore second = NvFileStore.open(tmp)) {
            assertThat(second.check(Settings.factory()).error()).isEmpty();
        }
    }

    @Test
    void directoryHeldByAnotherProcessIsRefusedWithItsPid() throws Exception {
        try (Stores.Child child = Stores.startChild("hold", tmp)) {
            assertThat(child.nextLine()).isEqualTo("held");

            assertThatThrownBy(() -> NvFileStore.open(tmp))
                    .isInstanceOfSatisfying(
                            StateDirLockedException.class,
                            e -> assertThat(e.holderPid()).isEqualTo(OptionalLong.of(child.pid())))
                    .hasMessage(inUse(tmp, child.pid()));

            child.closeStdin(); // the child closes its store and ends
            assertThat(child.exitCode()).isZero();
        }

        try (NvFileStore mine = NvFileStore.open(tmp)) {
            assertThat(Files.readString(tmp.resolve("lock")).trim()).isEqualTo(Long.toString(SELF));
        }
    }

    @Test
    void killedHolderLeavesNoStaleLock() throws Exception {
        try (Stores.Child child = Stores.startChild("hold", tmp)) {
            assertThat(child.nextLine()).isEqualTo("held");
            assertThatThrownBy(() -> NvFileStore.open(tmp)).isInstanceOf(StateDirLockedException.class);

            child.kill();
        }

        NvFileStore.open(tmp).close();
    }

    @Test
    void killAtAnyInstantOfSavingLeavesBothCopiesIntact() throws Exception {
        // the child saves n kWh at sequence n as fast as it can; copies more than one save apart would be ERR 0C
        for (long delayMillis : List.of(150L, 400L, 900L)) {
            try (Stores.Child child = Stores.startChild("save-loop", tmp)) {
                assertThat(child.nextLine()).isEqualTo("saving");
                Thread.sleep(delayMillis); // not a wait for an event: the kill lands at some instant of a save
                child.kill();
            }

            NvCopy main = NvCodec.decode(Files.readAllBytes(tmp.resolve("main.nv")));
            NvCopy backup = NvCodec.decode(Files.readAllBytes(tmp.resolve("backup.nv")));
            assertThat(main).isInstanceOf(NvCopy.Intact.class);
            assertThat(backup).isInstanceOf(NvCopy.Intact.class);
            long mainSequence = ((NvCopy.Intact) main).sequence();
            long backupSequence = ((NvCopy.Intact) backup).sequence();
            assertThat(mainSequence - backupSequence).isBetween(0L, 1L);

            try (NvFileStore store = NvFileStore.open(tmp)) {
                StorageCheck check = store.check(Settings.factory());
                assertThat(check.error()).isEmpty();
                assertThat(check.state()).isEqualTo(Stores.stateOfKwh(mainSequence));
                assertThat(check.nextSequence()).isEqualTo(mainSequence + 1);
            }
        }
    }

    @Test
    void directoryUnderARegularFileIsUnavailable() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "not a directory");
        Path dir = file.resolve("state");

        assertThatThrownBy(() -> NvFileStore.open(dir))
                .isInstanceOfSatisfying(
                        StoreUnavailableException.class,
                        e -> assertThat(e.stateDir()).isEqualTo(dir))
                .hasMessageStartingWith("cannot create the state directory " + dir + ": ")
                .hasCauseInstanceOf(IOException.class);
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void regularFileAsTheDirectoryIsUnavailable() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "not a directory");

        assertThatThrownBy(() -> NvFileStore.open(file))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void lockFileThatCannotBeCreatedIsUnavailable() throws Exception {
        Files.createDirectory(tmp.resolve("lock")); // a directory where the lock file goes

        assertThatThrownBy(() -> NvFileStore.open(tmp))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("cannot create the lock file " + tmp.resolve("lock"));
        // nothing is left held: once the obstacle is gone, the directory opens
        Files.delete(tmp.resolve("lock"));
        NvFileStore.open(tmp).close();
    }

    @Test
    void defaultStateDirFollowsXdgDataHome() {
        assertThat(NvFileStore.defaultStateDir("/data", "/home/ann")).isEqualTo(Path.of("/data/pro380/twin"));
    }

    @Test
    void defaultStateDirFallsBackToTheHomeDirectory() {
        Path fallback = Path.of("/home/ann/.local/share/pro380/twin");
        assertThat(NvFileStore.defaultStateDir(null, "/home/ann")).isEqualTo(fallback);
        assertThat(NvFileStore.defaultStateDir("  ", "/home/ann")).isEqualTo(fallback);
        assertThat(NvFileStore.defaultStateDir("relative/data", "/home/ann")).isEqualTo(fallback);
    }

    @Test
    void defaultStateDirOfAProcessFollowsItsXdgDataHome() throws Exception {
        assertThat(defaultStateDirOfAChild(List.of("-Duser.home=/home/ann"), "/data/x380"))
                .isEqualTo("/data/x380/pro380/twin");
    }

    @Test
    void defaultStateDirOfAProcessWithoutXdgDataHomeIsUnderItsHome() throws Exception {
        assertThat(defaultStateDirOfAChild(List.of("-Duser.home=/home/ann"), null))
                .isEqualTo("/home/ann/.local/share/pro380/twin");
    }

    /** What {@link NvFileStore#defaultStateDir()} says in a child JVM with this XDG_DATA_HOME (null: unset). */
    private String defaultStateDirOfAChild(List<String> jvmOptions, String xdgDataHome) throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("XDG_DATA_HOME", xdgDataHome);
        try (Stores.Child child = Stores.startChild("default-dir", tmp, jvmOptions, environment)) {
            String line = child.nextLine();
            assertThat(child.exitCode()).isZero();
            return line;
        }
    }
}
