package org.pro380.twin.nv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StorageCheck;
import org.pro380.registers.Settings;

/**
 * SIGKILL of a process saving a site of 1,000 meters round after round, at seeded random
 * instants: every meter must come back without an error, from a round at least as new as the
 * last one the process reported complete.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NvFileStoreSiteCrashTest {

    private static final int METERS = 1_000;
    private static final int KILLS = 22;
    private static final int RECORD = 323;

    @TempDir
    Path dir;

    @Test
    void killAtAnyInstantOfASiteRoundLeavesEveryMeterRecoverable() throws Exception {
        Random random = new Random(380);
        long onDisk = 0; // the round the memory holds, as the last check found it
        long roundsSeen = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            long reported;
            try (Stores.Child child = Stores.startSiteChild(dir, METERS)) {
                assertThat(child.nextLine()).isEqualTo("ready " + onDisk);
                Thread.sleep(random.nextInt(400)); // not a wait for an event: the kill lands at some instant of a round
                child.kill();
                List<String> lines = child.remainingLines();
                assertThat(lines).allMatch(line -> line.startsWith("round "), "only completed rounds");
                reported = lines.isEmpty()
                        ? onDisk
                        : Long.parseLong(lines.get(lines.size() - 1).substring(6));
                roundsSeen += lines.size();
            }

            assertRawCopiesAtMostOneRoundApart();
            long resumed = checkedRound();
            // never older than the last round reported complete; at most the one after it (killed before printing)
            assertThat(resumed).as("kill %d: round the site resumes from", kill).isBetween(reported, reported + 1);
            onDisk = resumed;
        }
        assertThat(roundsSeen)
                .as("rounds completed over all kills: the kills fell among saves")
                .isPositive();
    }

    /** Checks every meter; all must pass and resume from the same round, which it returns. */
    private long checkedRound() throws Exception {
        try (NvFileStore store = NvFileStore.open(dir)) {
            List<StorageCheck> checks = store.check(Collections.nCopies(METERS, Settings.factory()));
            long round = Stores.roundOf(1, checks.get(0).state());
            for (int k = 1; k <= METERS; k++) {
                StorageCheck check = checks.get(k - 1);
                assertThat(check.error()).as("meter %d", k).isEmpty();
                assertThat(check.readable()).isTrue();
                assertThat(check.state()).as("meter %d", k).isEqualTo(Stores.siteState(k, round));
                assertThat(check.nextSequence()).as("meter %d", k).isEqualTo(round + 1);
            }
            return round;
        }
    }

    /**
     * Each meter's two records: both intact (once a round was saved), at most one save apart.
     * Either may lead: after a round cut short between the copies (main ahead), the next round
     * writes backup first, and a kill between its two copies leaves backup one save ahead.
     */
    private void assertRawCopiesAtMostOneRoundApart() throws Exception {
        if (!Files.exists(dir.resolve("backup.nv"))) {
            return; // killed before the first round reached the backup
        }
        byte[] main = Files.readAllBytes(dir.resolve("main.nv"));
        byte[] backup = Files.readAllBytes(dir.resolve("backup.nv"));
        assertThat(main).hasSize(METERS * RECORD);
        assertThat(backup).hasSize(METERS * RECORD);
        for (int k = 1; k <= METERS; k++) {
            NvCopy m = NvCodec.decode(main, (k - 1) * RECORD, RECORD);
            NvCopy b = NvCodec.decode(backup, (k - 1) * RECORD, RECORD);
            assertThat(m).as("meter %d main", k).isInstanceOf(NvCopy.Intact.class);
            assertThat(b).as("meter %d backup", k).isInstanceOf(NvCopy.Intact.class);
            assertThat(((NvCopy.Intact) m).sequence() - ((NvCopy.Intact) b).sequence())
                    .as("meter %d", k)
                    .isBetween(-1L, 1L);
        }
    }
}
