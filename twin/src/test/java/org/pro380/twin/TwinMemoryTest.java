package org.pro380.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.client.HostPort;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageError;
import org.pro380.testkit.ExternalTool;

/**
 * The twin and its memory files: saved at power-on, never saved over when they cannot be read,
 * failed saves shown and retried, a failed start that leaves them untouched.
 */
class TwinMemoryTest {

    private static final long STATUS_SAVE_FAILED = 1 << 2;
    private static final long STATUS_READ_FAILED = 1 << 3;

    @TempDir
    Path dir;

    private TwinConfig.Builder config(Path state) {
        // only Modbus TCP, on a free port; an hour of meter time per real second, saves only when asked
        return TwinConfig.builder(state)
                .tcp(HostPort.loopback(0))
                .http(null)
                .timeScale(3600)
                .saveInterval(Duration.ofDays(3650));
    }

    private static NvCopy.Intact copy(Path file) throws IOException {
        NvCopy copy = NvCodec.decode(Files.readAllBytes(file));
        assertThat(copy).as("%s", file).isInstanceOf(NvCopy.Intact.class);
        return (NvCopy.Intact) copy;
    }

    /** The sequence number of the copy in {@code file}, or -1 while it cannot be read as one. */
    private static long sequenceIn(Path file) {
        try {
            return NvCodec.decode(Files.readAllBytes(file)) instanceof NvCopy.Intact i ? i.sequence() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static long shownMilli(Twin twin) {
        return twin.meter(1).reading().counters().totalActiveMilli();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for: %s", what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** Runs a twin until it has saved some energy, and stops it. */
    private long runUntilSomeEnergyIsSaved(Path state) throws Exception {
        try (Twin twin = Twin.start(config(state).build())) {
            long before = twin.meter(1).reading().time().toEpochMilli();
            await("an hour of meter time", () -> twin.meter(1).reading().time().toEpochMilli() - before > 3_600_000);
            twin.save();
            return shownMilli(twin);
        }
    }

    @Test
    void powerOnIsSavedAtOnce() throws Exception {
        Path state = dir.resolve("state");
        try (Twin twin = Twin.start(config(state).build())) {
            assertThat(copy(state.resolve("main.nv")).state().powerCounter()).isEqualTo(1);
            assertThat(copy(state.resolve("backup.nv")).state().powerCounter()).isEqualTo(1);
        }
    }

    @Test
    void aStartThatFailsLeavesTheMemoryUntouched() throws Exception {
        Path state = dir.resolve("state");
        long saved = runUntilSomeEnergyIsSaved(state);
        byte[] main = Files.readAllBytes(state.resolve("main.nv"));
        byte[] backup = Files.readAllBytes(state.resolve("backup.nv"));

        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int attempt = 0; attempt < 3; attempt++) {
                assertThatThrownBy(() -> Twin.start(config(state)
                                .tcp(HostPort.loopback(taken.getLocalPort()))
                                .build()))
                        .isInstanceOf(TwinStartException.class)
                        .hasMessageContaining("already in use");
            }
        }

        assertThat(Files.readAllBytes(state.resolve("main.nv"))).isEqualTo(main);
        assertThat(Files.readAllBytes(state.resolve("backup.nv"))).isEqualTo(backup);
        try (Twin twin = Twin.start(config(state).build())) {
            assertThat(twin.meter(1).reading().powerCounter())
                    .as("failed starts count no power-on")
                    .isEqualTo(2);
            assertThat(shownMilli(twin)).isGreaterThanOrEqualTo(saved);
        }
    }

    @Test
    void copiesThatCannotBeReadAreNeverSavedOverAndAreTakenUpOnceTheyCanBe() throws Exception {
        Path state = dir.resolve("state");
        long saved = runUntilSomeEnergyIsSaved(state);
        Path main = state.resolve("main.nv");
        byte[] mainBytes = Files.readAllBytes(main);
        byte[] backupBytes = Files.readAllBytes(state.resolve("backup.nv"));
        // a link to a directory cannot be read, even by root (file modes would not stop root); a link
        // is replaced in one rename, so the copy is never seen missing while it is mended
        Files.delete(main);
        Files.createSymbolicLink(main, Files.createDirectory(dir.resolve("in-the-way")));

        try (Twin twin = Twin.start(config(state).build())) {
            assertThat(twin.meter(1).reading().storageError()).contains(StorageError.ERR_0F);
            assertThat(twin.meter(1).reading().memory().readFailure().orElseThrow())
                    .contains("main copy cannot be read");
            assertThat(twin.meter(1).reading().statusWord() & STATUS_READ_FAILED)
                    .isNotZero();
            assertThat(twin.unsavedReason().orElseThrow()).contains("could not be read");
            twin.save();
            twin.meter(1).setPower(false);
            assertThat(Files.readAllBytes(state.resolve("backup.nv")))
                    .as("backup never saved over")
                    .isEqualTo(backupBytes);
            twin.meter(1).setPower(true);

            Path mended = Files.write(dir.resolve("mended.nv"), mainBytes);
            Path link = Files.createSymbolicLink(dir.resolve("link"), mended);
            Files.move(link, main, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            long oldSequence = ((NvCopy.Intact) NvCodec.decode(mainBytes)).sequence();
            await("the copies read again, then saved", () -> sequenceIn(main) > oldSequence);

            assertThat(twin.meter(1).reading().storageError()).isEmpty();
            assertThat(twin.meter(1).reading().statusWord() & (STATUS_READ_FAILED | STATUS_SAVE_FAILED))
                    .isZero();
            assertThat(shownMilli(twin)).as("what was saved before, and more").isGreaterThan(saved);
            assertThat(copy(main).state().counters().totalActiveMilli()).isGreaterThan(saved);
        }
    }

    @Test
    void aCopyThatCannotBeReplacedIsShownWhileTheOtherStillMovesOn() throws Exception {
        Path state = dir.resolve("state");
        try (Twin twin = Twin.start(config(state).build())) {
            Path blocker = state.resolve("main.nv.tmp");
            Files.createDirectories(blocker.resolve("in-the-way")); // not removable as an empty temp file would be
            long before = shownMilli(twin);
            await(
                    "energy counted",
                    () -> twin.meter(1).meter().storedState().counters().totalActiveMilli() > before);

            twin.save();

            assertThat(twin.meter(1).reading().memory().saveFailure().orElseThrow())
                    .startsWith("main.nv: ");
            assertThat(twin.meter(1).reading().statusWord() & STATUS_SAVE_FAILED)
                    .isNotZero();
            assertThat(shownMilli(twin)).as("the backup holds the new state").isGreaterThan(before);
            assertThat(copy(state.resolve("backup.nv")).state().counters().totalActiveMilli())
                    .isEqualTo(shownMilli(twin));

            Files.delete(blocker.resolve("in-the-way"));
            Files.delete(blocker);
            twin.save();

            assertThat(twin.meter(1).reading().memory().healthy()).isTrue();
            assertThat(twin.meter(1).reading().statusWord() & STATUS_SAVE_FAILED)
                    .isZero();
            assertThat(twin.unsavedReason()).isEmpty();
        }
    }

    @Test
    void aFullDiskIsShownNothingIsShownBeyondTheLastSaveAndSavingResumesByItself() throws Exception {
        Path disk = Files.createDirectory(dir.resolve("tmpfs"));
        mountSmallTmpfs(disk);
        try {
            Path state = disk.resolve("state");
            try (Twin twin = Twin.start(
                    config(state).saveInterval(Duration.ofSeconds(36)).build())) {
                Path filler = disk.resolve("filler");
                fill(filler);
                await(
                        "a failed save",
                        () -> twin.meter(1).reading().memory().saveFailure().isPresent());
                long frozen = shownMilli(twin);
                assertThat(twin.meter(1).reading().memory().saveFailure().orElseThrow())
                        .contains("No space left on device");
                assertThat(twin.meter(1).reading().statusWord() & STATUS_SAVE_FAILED)
                        .isNotZero();
                twin.save();
                assertThat(shownMilli(twin))
                        .as("nothing shown that is not saved")
                        .isEqualTo(frozen);
                assertThat(copy(state.resolve("main.nv")).state().counters().totalActiveMilli())
                        .isEqualTo(frozen);
                assertThat(twin.unsavedReason().orElseThrow()).contains("No space left on device");

                Files.delete(filler);
                await("saving resumed", () -> twin.meter(1).reading().memory().healthy());

                assertThat(shownMilli(twin)).isGreaterThan(frozen);
                assertThat(twin.meter(1).reading().statusWord() & STATUS_SAVE_FAILED)
                        .isZero();
            }
        } finally {
            run("umount", disk.toString());
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
    }

    /** 64 KiB of tmpfs: a disk that fills up. Needs root, as CI has; elsewhere the test is skipped. */
    private static void mountSmallTmpfs(Path at) throws Exception {
        ExternalTool.require("mount", "mount");
        if (!"root".equals(System.getProperty("user.name"))) {
            ExternalTool.missing("root, to mount a small tmpfs (run the tests as root)", "sudo");
        }
        run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", at.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("%s: %s", String.join(" ", command), output).isZero();
    }
}
