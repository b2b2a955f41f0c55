package org.pro380.twin.nv;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.Settings;
import org.pro380.meter.StorageCheck;
import org.pro380.meter.StoredState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The twin's non-volatile memory on disk (spec section 8): the meter's main and backup copies
 * as two files of {@link NvCodec}'s layout, in a state directory that one twin at a time holds.
 *
 * <pre>
 * stateDir/
 *   lock            held with an exclusive file lock while a twin uses the directory; holds its pid
 *   main.nv         main copy, 323 bytes (NvCodec layout)
 *   backup.nv       backup copy, same layout and, after a completed save, the same bytes
 *   main.nv.tmp     exists only while main.nv is being replaced (or after a crash during that
 *   backup.nv.tmp   write); never read, removed when the store is opened
 * </pre>
 *
 * <p>A save writes main, then backup, each by replacing the whole file: the new bytes go to the
 * temp file, are forced to disk, the temp file is renamed over the copy atomically and the
 * directory is forced. A copy is therefore always either the old or the new one, never a mix,
 * so a kill or power cut at any instant leaves both copies intact, the backup at most one save
 * behind the main: a state the power-on check passes. The pure rules live in the meter module
 * ({@link NvCodec}, {@link StorageCheck}); this class only moves bytes.
 *
 * <p>Thread-safe. Not reentrant across processes: {@link #open} refuses a directory that another
 * twin holds, in this process or another. The operating system drops the lock of a process that
 * dies, so a killed twin leaves no stale lock behind.
 */
public final class NvFileStore implements AutoCloseable {

    static final String MAIN = "main.nv";
    static final String BACKUP = "backup.nv";
    static final String LOCK = "lock";
    static final String TEMP_SUFFIX = ".tmp";

    private static final Logger LOG = LoggerFactory.getLogger(NvFileStore.class);
    private static final boolean CAN_SYNC_DIRECTORY =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
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
    private String lastCheck = "not checked yet";
    private boolean closed;

    private NvFileStore(Path dir, Path heldKey, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.heldKey = heldKey;
        this.lockChannel = lockChannel;
        this.lock = lock;
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
            throw new StateDirLockedException(dir, OptionalLong.of(ProcessHandle.current().pid()));
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
            throw new StateDirLockedException(dir, OptionalLong.of(ProcessHandle.current().pid()));
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

    /**
     * The power-on check: reads both copies and says which state the meter goes on from and
     * which error it shows. A copy that does not exist is missing; one that exists but cannot
     * be read (permission, no file descriptors, an I/O error) is unreadable: the check then says
     * so and nothing may be saved over it until a later check reads it.
     */
    public synchronized StorageCheck check(Settings factorySettings) {
        ensureOpen();
        NvCopy main = read(MAIN);
        NvCopy backup = read(BACKUP);
        StorageCheck check = StorageCheck.of(main, backup, factorySettings);
        lastCheck = describe(main, backup, check);
        return check;
    }

    /**
     * What the last {@link #check} found, for a log line: each copy, where the meter goes on
     * from, and the error if any. For example {@code main.nv: damaged (checksum mismatch),
     * 12.345678 kWh; backup.nv: intact, sequence 41, 12.345678 kWh; going on from backup.nv: ERR 1d
     * (integer or decimal kWh of main and backup differ)}.
     */
    public synchronized String describeLastCheck() {
        return lastCheck;
    }

    /**
     * Saves the meter's memory: main, then backup, each replaced atomically and forced to disk.
     * The backup is written even when main fails, so one bad file or a moment without file
     * descriptors does not stop both. A copy that was not replaced keeps its old content; the
     * next save retries it.
     */
    public synchronized SaveResult save(long sequence, StoredState state) {
        ensureOpen();
        byte[] image = NvCodec.encode(sequence, state);
        return new SaveResult(replaceReporting(MAIN, image), replaceReporting(BACKUP, image));
    }

    private Optional<String> replaceReporting(String name, byte[] image) {
        try {
            replace(name, image);
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of(reason(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
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
    }

    private NvCopy read(String name) {
        Path file = dir.resolve(name);
        try (FileChannel channel = FileChannel.open(file, READ)) {
            long size = channel.size();
            // never more than one byte past a copy's length: enough to see that the length is wrong
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, NvCodec.LENGTH + 1));
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on: a read may return fewer bytes than asked
            }
            NvCopy copy = NvCodec.decode(Arrays.copyOf(buffer.array(), buffer.position()));
            if (copy instanceof NvCopy.Damaged d && size > NvCodec.LENGTH) {
                return new NvCopy.Damaged(d.totalActiveMilli(), "length " + size + ", expected " + NvCodec.LENGTH);
            }
            return copy;
        } catch (NoSuchFileException e) {
            return new NvCopy.Missing();
        } catch (IOException | UncheckedIOException e) {
            return new NvCopy.Unreadable(reason(e instanceof UncheckedIOException u ? u.getCause() : (IOException) e));
        }
    }

    private void replace(String name, byte[] image) throws IOException {
        Path temp = dir.resolve(name + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(image);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, dir.resolve(name), ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        syncDirectory();
    }

    /** Makes the rename itself durable; a power cut could otherwise undo it. */
    private void syncDirectory() throws IOException {
        if (CAN_SYNC_DIRECTORY) { // Windows cannot open a directory as a file
            try (FileChannel channel = FileChannel.open(dir, READ)) {
                channel.force(true);
            }
        }
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

    private String describe(NvCopy main, NvCopy backup, StorageCheck check) {
        String from = source(MAIN, main, check);
        if (from == null) {
            from = source(BACKUP, backup, check);
        }
        return MAIN + ": " + describe(main) + "; " + BACKUP + ": " + describe(backup) + "; going on from "
                + (from == null ? "factory state" : from) + ": "
                + check.error().map(e -> e.lcdText() + " (" + e.meaning() + ")").orElse("no error");
    }

    private static String source(String name, NvCopy copy, StorageCheck check) {
        return copy instanceof NvCopy.Intact i && i.sequence() + 1 == check.nextSequence()
                && i.state().equals(check.state()) ? name : null;
    }

    private static String describe(NvCopy copy) {
        if (copy instanceof NvCopy.Intact i) {
            return "intact, sequence " + i.sequence() + ", " + kWh(i.totalActiveMilli());
        }
        if (copy instanceof NvCopy.Unreadable u) {
            return "cannot be read (" + u.why() + ")";
        }
        if (copy instanceof NvCopy.Damaged d) {
            return "damaged (" + d.why() + ")"
                    + (d.totalActiveMilli().isPresent() ? ", " + kWh(d.totalActiveMilli().getAsLong()) : "");
        }
        return "missing";
    }

    private static String kWh(long milliWattHours) {
        return BigDecimal.valueOf(milliWattHours, 6).toPlainString() + " kWh";
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
        String name = e.getClass().getSimpleName();
        return e.getMessage() == null ? name : name + " " + e.getMessage();
    }
}
