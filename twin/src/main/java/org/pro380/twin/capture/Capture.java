package org.pro380.twin.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --capture FILE}: every frame of every transport into a pcapng file that Wireshark reads,
 * written by a thread of its own so that a slow disk never holds up a reply. A transport hands a
 * frame over without waiting and without waking the writer: the writer takes what has queued every
 * {@value #DRAIN_MILLIS} ms and writes it in one go (a wake-up and a write per frame cost more than
 * the reply itself). When the writer falls {@value #QUEUE} frames behind, further frames are
 * counted as dropped, not queued.
 *
 * <p>Bounded: when the file would pass {@code maxBytes}, it is renamed {@code FILE.1} (the older
 * ones shifted to {@code FILE.2} ... and the oldest of {@code files} deleted) and a new one begins,
 * each a whole pcapng file.
 */
public final class Capture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Capture.class);
    static final int QUEUE = 16_384;
    static final int DRAIN_MILLIS = 10;

    private final Path file;
    private final long maxBytes;
    private final int files;
    private final Queue<CapturedFrame> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final PcapngEncoder encoder = new PcapngEncoder();
    private final Thread writer;
    private OutputStream out;
    private long fileBytes;
    private volatile boolean closed;

    private Capture(Path file, long maxBytes, int files) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.files = files;
        start();
        writer = new Thread(this::writeUntilClosed, "pro380-capture");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Starts a capture into {@code file} (replacing one that is there), kept below {@code maxBytes}
     * a file in at most {@code files} files.
     */
    public static Capture open(Path file, long maxBytes, int files) throws IOException {
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("a capture file must be allowed at least 1 KiB, got " + maxBytes);
        }
        if (files < 1) {
            throw new IllegalArgumentException("a capture needs at least 1 file, got " + files);
        }
        return new Capture(file, maxBytes, files);
    }

    /** Hands {@code frame} to the writer; never blocks. */
    public void record(CapturedFrame frame) {
        if (closed || queued.incrementAndGet() > QUEUE) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(frame);
    }

    /** Frames written so far. */
    public long written() {
        return written.get();
    }

    /** Frames not written because the writer was behind (or the capture closed). */
    public long dropped() {
        return dropped.get();
    }

    public Path file() {
        return file;
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        try {
            while (true) {
                boolean last = closed;
                writeQueued();
                if (last) {
                    out.close();
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS));
            }
        } catch (IOException e) {
            LOG.error("capture {}: {}; no more frames are written", file, e.getMessage());
            closed = true;
        }
    }

    private void writeQueued() throws IOException {
        boolean any = false;
        for (CapturedFrame frame; (frame = queue.poll()) != null; ) {
            queued.decrementAndGet();
            write(encoder.encode(frame));
            written.incrementAndGet();
            any = true;
        }
        if (any) {
            out.flush();
        }
    }

    private void write(PcapngEncoder.Blocks blocks) throws IOException {
        if (fileBytes + blocks.length() > maxBytes) {
            rotate(); // the new file's header describes every interface, this frame's too
        } else {
            out.write(blocks.newInterface());
            fileBytes += blocks.newInterface().length;
        }
        out.write(blocks.packet());
        fileBytes += blocks.packet().length;
    }

    private void start() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
        byte[] header = encoder.sectionHeader();
        out.write(header);
        out.flush();
        fileBytes = header.length;
    }

    /** FILE becomes FILE.1, FILE.1 becomes FILE.2 ...; the oldest beyond {@code files} is deleted. */
    private void rotate() throws IOException {
        out.close();
        if (files == 1) {
            Files.delete(file);
        } else {
            Files.deleteIfExists(numbered(files - 1));
            for (int i = files - 2; i >= 1; i--) {
                if (Files.exists(numbered(i))) {
                    Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        }
        start();
    }

    private Path numbered(int i) {
        return file.resolveSibling(file.getFileName() + "." + i);
    }
}
