package org.pro380.twin.nv;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.pro380.meter.NvCodec;
import org.pro380.meter.NvCopy;
import org.pro380.meter.StoredState;

/**
 * One copy of a site's memory (main.nv or backup.nv): the file, and its bytes as last read from
 * or written to it. Meter k (1-based) is the {@link NvCodec} record at (k - 1) x
 * {@link NvCodec#LENGTH}. The bytes are unknown until the file has been read, and again after a
 * replace that failed (the file may then hold the old or the new image): an unknown copy is read
 * before it is written, and never written while it cannot be read. The buffer is reused between
 * rounds and only grows. Not thread-safe.
 */
final class CopyFile {

    static final String TEMP_SUFFIX = ".tmp";
    /** The most bytes a buffer (a Java array) can hold, in whole records. */
    static final int MAX_LENGTH = (Integer.MAX_VALUE - 16) / NvCodec.LENGTH * NvCodec.LENGTH;

    private static final boolean CAN_SYNC_DIRECTORY =
            !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private final Path dir;
    private final String name;
    private byte[] image = new byte[0];
    private int length;
    private boolean exists;
    /** Why the bytes are not known, when they are not. */
    private Optional<String> unknown = Optional.of("not read yet");

    CopyFile(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    String name() {
        return name;
    }

    boolean known() {
        return unknown.isEmpty();
    }

    /** Why the file could not be read at the last read, if it could not. */
    Optional<String> unreadable() {
        return unknown;
    }

    /** Records in the file, a partial one at its end included. */
    int records() {
        return (length + NvCodec.LENGTH - 1) / NvCodec.LENGTH;
    }

    /** Reads the whole file into the buffer; afterwards the bytes are known unless it could not be read. */
    void read() {
        try (FileChannel channel = FileChannel.open(dir.resolve(name), READ)) {
            long size = channel.size();
            if (size > MAX_LENGTH) {
                throw new IOException("length " + size + " is more than a buffer holds");
            }
            ensureCapacity((int) size);
            ByteBuffer buffer = ByteBuffer.wrap(image, 0, (int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read on: a read may return fewer bytes than asked
            }
            length = buffer.position();
            exists = true;
            unknown = Optional.empty();
        } catch (NoSuchFileException e) {
            length = 0;
            exists = false;
            unknown = Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            length = 0;
            unknown = Optional.of(reason(e));
        }
    }

    /**
     * What the copy holds for meter {@code index} (0-based). A record wholly past the end of the
     * file is missing (the site had fewer meters when it was saved), except the first: a file
     * that exists always held one, so an empty file is a damaged copy, not a new meter. A record
     * of zero bytes is missing too: the gap left for a meter that was never powered while a
     * later one was saved (no record the codec writes starts with a zero byte).
     */
    NvCopy copyOf(int index) {
        if (unknown.isPresent()) {
            return new NvCopy.Unreadable(unknown.get());
        }
        long offset = (long) index * NvCodec.LENGTH;
        if (!exists || (offset >= length && index > 0)) {
            return new NvCopy.Missing();
        }
        int at = (int) Math.min(offset, length);
        int size = Math.min(NvCodec.LENGTH, length - at);
        if (size == NvCodec.LENGTH && blank(at)) {
            return new NvCopy.Missing();
        }
        return NvCodec.decode(image, at, size);
    }

    private boolean blank(int at) {
        for (int i = at; i < at + NvCodec.LENGTH; i++) {
            if (image[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Puts a new state into meter {@code index}'s record; a gap before it is filled with zero bytes. */
    void put(int index, long sequence, StoredState state) {
        int offset = grow(index);
        NvCodec.encode(sequence, state, image, offset);
    }

    /** Puts {@code record} ({@link NvCodec#LENGTH} bytes, as they are) into meter {@code index}'s place. */
    void put(int index, byte[] record) {
        int offset = grow(index);
        System.arraycopy(record, 0, image, offset, NvCodec.LENGTH);
    }

    /** Puts into meter {@code index}'s record what {@code other} holds there (after its own put). */
    void putFrom(CopyFile other, int index) {
        int offset = grow(index);
        System.arraycopy(other.image, offset, image, offset, NvCodec.LENGTH);
    }

    /** Makes the buffer hold at least {@code meters} records, so that a round does not grow it record by record. */
    void reserve(int meters) {
        ensureCapacity((int) Math.min(MAX_LENGTH, (long) meters * NvCodec.LENGTH));
    }

    private int grow(int index) {
        int offset = Math.multiplyExact(index, NvCodec.LENGTH);
        int end = Math.addExact(offset, NvCodec.LENGTH);
        ensureCapacity(end);
        if (offset > length) {
            Arrays.fill(image, length, offset, (byte) 0); // the buffer may hold bytes of an older, longer image
        }
        length = Math.max(length, end);
        return offset;
    }

    private void ensureCapacity(int bytes) {
        if (image.length < bytes) {
            image = Arrays.copyOf(image, bytes);
        }
    }

    /**
     * Replaces the file by the buffer: temp file, forced to disk, renamed over the file
     * atomically, directory forced. The file is then always the old or the new image, never a mix.
     *
     * @return why it was not replaced, if it was not
     */
    Optional<String> write() {
        if (unknown.isPresent()) {
            return Optional.of("cannot be read, so nothing is saved over it: " + unknown.get());
        }
        if (!exists && length == 0) {
            return Optional.empty(); // no meter saved yet: an empty file would read as a damaged copy
        }
        try {
            replace();
            exists = true;
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            unknown = Optional.of("its last save failed: " + reason(e)); // read again before the next save
            return Optional.of(reason(e));
        }
    }

    private void replace() throws IOException {
        Path temp = dir.resolve(name + TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(image, 0, length);
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

    /** Lets go of the buffer: a closed store holds no image. */
    void release() {
        image = new byte[0];
        length = 0;
        unknown = Optional.of("the store is closed");
    }

    static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String name = cause.getClass().getSimpleName();
        return cause.getMessage() == null ? name : name + " " + cause.getMessage();
    }
}
