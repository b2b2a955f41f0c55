package org.pro380.twin.nv;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.NvDamage;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StorageError;
import org.pro380.meter.StoredState;
import org.pro380.registers.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's non-volatile memory on disk (spec section 8): the main and backup copies of every
 * meter of a site as two files of {@link NvCodec} records, in a state directory that one twin at
 * a time holds. A twin of one meter is a site of one.
 *
 * <pre>
 * stateDir/
 *   lock            held with an exclusive file lock while a twin uses the directory; holds its pid
 *   main.nv         main copies: meter k's record (NvCodec layout, 323 bytes) at (k - 1) x 323,
 *                   no header; a site of one meter is one record, the format of a single meter
 *   backup.nv       backup copies, same layout and, after a completed save, the same bytes
 *   main.nv.tmp     exists only while main.nv is being replaced (or after a crash during that
 *   backup.nv.tmp   write); never read, removed when the store is opened
 * </pre>
 *
 * <p>A save round writes main, then backup, each by replacing the whole file: the new image,
 * built in memory for all meters, goes to the temp file, is forced to disk, the temp file is
 * renamed over the copy atomically and the directory is forced. A copy is therefore always
 * either the old or the new image, never a mix, so a kill or power cut at any instant leaves
 * every meter's two records intact, the backup at most one round behind the main: a state the
 * power-on check passes, for every meter, at the cost of two fsyncs a round whatever the number
 * of meters. The pure rules live in the meter module ({@link NvCodec}, {@link StorageCheck});
 * this class only moves bytes.
 *
 * <p>Thread-safe. Not reentrant across processes: {@link #open} refuses a directory that another
 * twin holds, in this process or another. The operating system drops the lock of a process that
 * dies, so a killed twin leaves no stale lock behind.
 */
public final class NvFileStore implements AutoCloseable {

    static final String MAIN = "main.nv";
    static final String BACKUP = "backup.nv";
    static final String LOCK = "lock";
    static final String TEMP_SUFFIX = CopyFile.TEMP_SUFFIX;

    private static final Logger LOG = LoggerFactory.getLogger(NvFileStore.class);
    private static final int PID_FILE_MAX = 32;

    /**
     * Directories (real paths) this JVM holds. A second open in the same JVM is refused here,
     * before it opens the lock file: file locks belong to the process, and on POSIX systems
     * closing any channel of the lock file may drop the lock the first holder still relies on.
     */
    private static final Set<Path> HELD_BY_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path heldKey;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final CopyFile main;
    private final CopyFile backup;
    private String lastCheck = "not checked yet";
    /** The copy that is behind the other, written first in a round; null until the copies were compared. */
    private CopyFile behind;
    /** Runs between the two replaces of a round: a test's way to crash there. */
    private Runnable betweenCopies = () -> {};

    private boolean closed;

    private NvFileStore(Path dir, Path heldKey, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.heldKey = heldKey;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.main = new CopyFile(dir, MAIN);
        this.backup = new CopyFile(dir, BACKUP);
    }

    /**
     * Opens the state directory, creating it (and its parents) if missing, and takes its lock.
     *
     * @throws StateDirLockedException another twin holds the directory
     * @throws StoreUnavailableException the directory or its lock file cannot be created or
     *     locked: the meter's memory cannot be initialized (ERR 80)
     */
    public static NvFileStore open(Path stateDir) throws StateDirLockedException, StoreUnavailableException {
        Path dir = stateDir.toAbsolutePath().normalize();
        Path key;
        try {
            Files.createDirectories(dir);
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new StoreUnavailableException(dir, "cannot create the state directory " + dir + ": " + reason(e), e);
        }
        if (!HELD_BY_THIS_JVM.add(key)) {
            throw new StateDirLockedException(
                    dir, OptionalLong.of(ProcessHandle.current().pid()));
        }
        boolean opened = false;
        try {
            NvFileStore store = lock(dir, key);
            opened = true;
            store.removeTempFiles();
            return store;
        } finally {
            if (!opened) {
                HELD_BY_THIS_JVM.remove(key);
            }
        }
    }

    private static NvFileStore lock(Path dir, Path key) throws StateDirLockedException, StoreUnavailableException {
        Path lockFile = dir.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, CREATE, READ, WRITE); // not truncated: it may hold the holder's pid
        } catch (IOException e) {
            throw new StoreUnavailableException(dir, "cannot create the lock file " + lockFile + ": " + reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // this JVM holds it under another real path (a bind mount): the pid is ours
            closeQuietly(channel);
            throw new StateDirLockedException(
                    dir, OptionalLong.of(ProcessHandle.current().pid()));
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreUnavailableException(dir, "cannot lock " + lockFile + ": " + reason(e), e);
        }
        if (lock == null) {
            OptionalLong holder = readPid(channel);
            closeQuietly(channel);
            throw new StateDirLockedException(dir, holder);
        }
        try {
            byte[] pid = (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(pid), 0);
        } catch (IOException e) {
            closeQuietly(channel); // releases the lock
            throw new StoreUnavailableException(dir, "cannot write the lock file " + lockFile + ": " + reason(e), e);
        }
        return new NvFileStore(dir, key, channel, lock);
    }

    /**
     * Where a twin keeps its memory unless told otherwise: {@code $XDG_DATA_HOME/pro380/twin},
     * or {@code ~/.local/share/pro380/twin} when that variable is unset, empty or not absolute
     * (as the XDG base directory specification asks).
     */
    public static Path defaultStateDir() {
        return defaultStateDir(System.getenv("XDG_DATA_HOME"), System.getProperty("user.home"));
    }

    static Path defaultStateDir(String xdgDataHome, String userHome) {
        Path base = Path.of(userHome, ".local", "share");
        if (xdgDataHome != null && !xdgDataHome.isBlank()) {
            try {
                Path xdg = Path.of(xdgDataHome);
                if (xdg.isAbsolute()) {
                    base = xdg;
                }
            } catch (InvalidPathException e) {
                // not a path on this system: the default applies
            }
        }
        return base.resolve("pro380").resolve("twin");
    }

    /** The state directory, absolute. */
    public Path stateDir() {
        return dir;
    }

    /** The power-on check of a site of one meter: {@link #check(List)} of one. */
    public StorageCheck check(Settings factorySettings) {
        return check(List.of(factorySettings)).get(0);
    }

    /**
     * The power-on check of every meter of the site, one per factory settings given (meter k at
     * index k - 1): reads each copy's file once and checks each meter's two records on their own,
     * so a damaged record damages that meter only. A record past the end of its file is missing
     * (a meter the site did not have when it was saved); a file that exists but cannot be read
     * (permission, no file descriptors, an I/O error) is unreadable for every meter, and nothing
     * is saved over it until it can be read.
     */
    public synchronized List<StorageCheck> check(List<Settings> factorySettings) {
        ensureOpen();
        requireMeters(factorySettings.size());
        main.read();
        backup.read();
        List<StorageCheck> checks = new ArrayList<>(factorySettings.size());
        CheckSummary summary = new CheckSummary(main, backup);
        Lead lead = new Lead();
        for (int i = 0; i < factorySettings.size(); i++) {
            NvCopy mainCopy = main.copyOf(i);
            NvCopy backupCopy = backup.copyOf(i);
            StorageCheck check = StorageCheck.of(mainCopy, backupCopy, factorySettings.get(i));
            summary.add(i + 1, mainCopy, backupCopy, check);
            lead.add(mainCopy, backupCopy);
            checks.add(check);
        }
        lastCheck = summary.toString();
        behind = lead.behind();
        return checks;
    }

    /**
     * The power-on check of meter {@code index} (1-based) alone, as it is powered on while the
     * others of the site run on: its two records only, read from the copies as they are now.
     */
    public synchronized StorageCheck check(int index, Settings factorySettings) {
        ensureOpen();
        requireMeters(index);
        main.read();
        backup.read();
        return StorageCheck.of(main.copyOf(index - 1), backup.copyOf(index - 1), factorySettings);
    }

    /**
     * Damages meter {@code index}'s two records (1-based) as {@link NvDamage} does for {@code
     * error}, from the newest intact state they hold, and replaces both files: a storage fault
     * (docs/faults.md) that the next power-on check finds. The other meters' records stay.
     *
     * @return why the copies could not be damaged, if they could not (they cannot be read or written)
     */
    public synchronized Optional<String> damage(int index, StorageError error, Settings factorySettings) {
        ensureOpen();
        requireMeters(index);
        StorageCheck now = check(index, factorySettings);
        if (!now.readable()) {
            return now.readFailure();
        }
        NvDamage.Records records = NvDamage.of(error, now.nextSequence() - 1, now.state());
        main.put(index - 1, records.main());
        backup.put(index - 1, records.backup());
        Optional<String> mainFailure = main.write();
        Optional<String> backupFailure = backup.write();
        behind = null; // which copy leads is read from the bytes again
        return mainFailure.map(why -> MAIN + ": " + why).or(() -> backupFailure.map(why -> BACKUP + ": " + why));
    }

    /**
     * What the last {@link #check} found, for a log line. For one meter: each copy, where the
     * meter goes on from, and the error if any, for example {@code main.nv: damaged (checksum
     * mismatch), 12.345678 kWh; backup.nv: intact, sequence 41, 12.345678 kWh; going on from
     * backup.nv: ERR 1d (integer or decimal kWh of main and backup differ)}. For many: how many
     * meters are intact, new, with an error or unreadable, and the first few with an error in
     * the same words.
     */
    public synchronized String describeLastCheck() {
        return lastCheck;
    }

    /** Saves the memory of a site of one meter: {@link #save(List)} of one. */
    public SaveResult save(long sequence, StoredState state) {
        return save(List.of(MeterSave.of(sequence, state)));
    }

    /**
     * One save round of the whole site, meter k at index k - 1: the new image of each copy is
     * built in memory (new states written, records of meters that keep theirs and records of
     * meters past the end of the list left as they are), then both copies are replaced, each
     * atomically and forced to disk, each even when the other fails: main first, unless main is
     * ahead of backup (a round was cut short between the two): then backup first, so that a crash
     * between the two leaves them one save apart rather than two. A copy whose file
     * cannot be read is not replaced: it may hold records that must not be lost. A copy that was
     * not replaced keeps its old content; the next round retries it. The result applies to every
     * meter of the round.
     */
    public synchronized SaveResult save(List<MeterSave> meters) {
        ensureOpen();
        requireMeters(meters.size());
        for (CopyFile copy : List.of(main, backup)) {
            if (!copy.known()) {
                copy.read(); // never read, or its last replace failed: what is on disk now is kept
            }
            copy.reserve(meters.size());
        }
        if (behind == null) {
            behind = compare(meters.size()); // saved before any check: which copy leads is read from the bytes
        }
        CopyFile encoded = main.known() ? main : backup;
        CopyFile other = encoded == main ? backup : main;
        for (int i = 0; i < meters.size(); i++) {
            if (meters.get(i) instanceof MeterSave.Write w) {
                encoded.put(i, w.sequence(), w.state());
                if (other.known()) {
                    other.putFrom(encoded, i);
                }
            }
        }
        CopyFile first = behind;
        CopyFile second = first == main ? backup : main;
        Optional<String> firstFailure = first.write();
        betweenCopies.run();
        Optional<String> secondFailure = second.write();
        if (firstFailure.isEmpty() != secondFailure.isEmpty()) {
            behind = firstFailure.isPresent() ? first : second;
        } else if (firstFailure.isEmpty()) {
            behind = main;
        }
        return first == main
                ? new SaveResult(firstFailure, secondFailure)
                : new SaveResult(secondFailure, firstFailure);
    }

    /** Which copy is behind the other, from their first {@code meters} records as they are in memory. */
    private CopyFile compare(int meters) {
        Lead lead = new Lead();
        for (int i = 0; i < meters; i++) {
            lead.add(main.copyOf(i), backup.copyOf(i));
        }
        return lead.behind();
    }

    /** Counts the meters whose main record is ahead of their backup record, and the other way round. */
    private final class Lead {
        private long mainAhead;
        private long backupAhead;

        void add(NvCopy mainCopy, NvCopy backupCopy) {
            if (mainCopy instanceof NvCopy.Intact m && backupCopy instanceof NvCopy.Intact b) {
                mainAhead += m.sequence() > b.sequence() ? 1 : 0;
                backupAhead += b.sequence() > m.sequence() ? 1 : 0;
            }
        }

        CopyFile behind() {
            return mainAhead > backupAhead ? backup : main;
        }
    }

    /** For tests: {@code action} runs between the two replaces of each round (it may throw, as a crash would). */
    void betweenCopies(Runnable action) {
        betweenCopies = action;
    }

    private static void requireMeters(int meters) {
        if (meters < 1 || meters > CopyFile.MAX_LENGTH / NvCodec.LENGTH) {
            throw new IllegalArgumentException(
                    "a site has 1.." + CopyFile.MAX_LENGTH / NvCodec.LENGTH + " meters, got " + meters);
        }
    }

    /** Releases the directory for another twin. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("releasing the lock of {} failed: {}", dir, e.toString());
        }
        closeQuietly(lockChannel);
        HELD_BY_THIS_JVM.remove(heldKey);
        main.release();
        backup.release();
    }

    private void removeTempFiles() {
        for (String name : new String[] {MAIN, BACKUP}) {
            Path temp = dir.resolve(name + TEMP_SUFFIX);
            try {
                if (Files.deleteIfExists(temp)) {
                    LOG.info("removed {}, left by a save that did not complete", temp);
                }
            } catch (IOException e) {
                LOG.warn("cannot remove {}: {}", temp, e.toString());
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the store of " + dir + " is closed");
        }
    }

    private static OptionalLong readPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(PID_FILE_MAX);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty(); // the holder has not written it yet
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing a lock file channel failed: {}", e.toString());
        }
    }

    private static String reason(IOException e) {
        return CopyFile.reason(e);
    }
}
