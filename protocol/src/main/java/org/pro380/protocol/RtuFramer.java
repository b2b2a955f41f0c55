package org.pro380.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming RTU framer: a pure state machine fed arbitrary chunks of a byte stream, for
 * streams without timing (TCP, pseudo-terminals) and for serial lines (then also call
 * {@link #silence()} on each 3.5-character gap).
 * <pre>
 * chunks:  [ff 13 01 03 50] [0c 00 06 14 cb 01 06 40 10 00 25 ..]
 *           '---' garbage, dropped
 *                 '-- 01 03 50 0c 00 06 14 cb --' '-- next frame ...
 * </pre>
 * The length of a frame is implied by its function code ({@link RtuFrameLength}); a frame is
 * delivered when its CRC is valid. For a function code with no implied length the framer takes
 * the shortest length of 4..256 bytes whose CRC is valid, waiting for more bytes while there
 * is none, so that a frame of an unknown function still reaches the server (which answers 01).
 * <p>Recovery: a frame with a bad CRC (or an impossible length, or, for requests, function
 * code 0 or 0x80+) slides the window by one byte. While an unknown-function candidate is
 * waiting, a complete frame of a known function further on wins and the bytes before it are
 * dropped; known-function candidates are never overtaken this way, so data inside a long frame
 * is not mistaken for a frame: garbage that implies a long frame (say {@code xx 10 .. bc=f0})
 * holds what follows until its length has arrived or {@link #silence()} is called, so a
 * transport without timing should call {@code silence()} after an idle timeout. At most 256
 * bytes (the largest RTU ADU) are buffered; when full and still incomplete, the oldest byte is
 * dropped. Frames for every unit id are delivered.
 * <p>Bytes dropped in a row (a garbled frame) can be seen as they were: each run goes to the
 * {@code dropped} consumer given at construction, once it ends (a frame follows, a silence, or
 * 256 bytes).
 */
public final class RtuFramer {
    /** Which direction is parsed: a server parses requests, a client parses responses. */
    public enum Side {
        REQUESTS,
        RESPONSES
    }

    private static final int MIN_ADU = 4;
    private static final int WAIT = 0;
    private static final int BAD = -1;

    private final Side side;
    private final Consumer<byte[]> droppedRuns;
    private final byte[] buf = new byte[RtuCodec.MAX_ADU];
    private final byte[] run = new byte[RtuCodec.MAX_ADU];
    private int runLen;
    private int len;
    private long dropped;
    private boolean discarding;

    public RtuFramer(Side side) {
        this(side, null);
    }

    /** A framer that hands each run of dropped bytes to {@code droppedRuns} (null: it keeps none). */
    public RtuFramer(Side side, Consumer<byte[]> droppedRuns) {
        this.side = Objects.requireNonNull(side, "side");
        this.droppedRuns = droppedRuns;
    }

    /** Feeds {@code length} bytes of {@code chunk} from {@code offset}; returns the frames completed, in order. */
    public List<UnitPdu> feed(byte[] chunk, int offset, int length) {
        List<UnitPdu> frames = new ArrayList<>();
        feed(chunk, offset, length, frames::add);
        return frames;
    }

    /** Feeds {@code length} bytes of {@code chunk} from {@code offset}, handing each frame to {@code frames} as it completes. */
    public void feed(byte[] chunk, int offset, int length, Consumer<UnitPdu> frames) {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int n = Math.min(end - pos, buf.length - len);
            System.arraycopy(chunk, pos, buf, len, n);
            len += n;
            pos += n;
            drain(frames);
        }
    }

    /** A 3.5-character silence was observed: a partial frame is dropped (counted), as on a real meter. */
    public void silence() {
        if (len > 0 && !discarding) {
            dropped++;
        }
        keepDropped(len);
        endRun();
        len = 0;
        discarding = false;
    }

    /** Forgets buffered bytes without counting them; {@link #framesDropped()} is kept. */
    public void reset() {
        len = 0;
        runLen = 0;
        discarding = false;
    }

    /** Runs of bytes discarded (bad CRC, impossible frame, truncated by silence) since creation. */
    public long framesDropped() {
        return dropped;
    }

    /** Bytes held waiting for the rest of a frame, 0..256. */
    public int buffered() {
        return len;
    }

    private void drain(Consumer<UnitPdu> out) {
        while (len > 0) {
            int size = frameAt(0, true);
            if (size > 0) {
                endRun();
                UnitPdu frame = UnitPdu.taking(buf[0] & 0xFF, Arrays.copyOfRange(buf, 1, size - 2));
                discarding = false;
                remove(size);
                out.accept(frame);
            } else if (size == BAD || len == buf.length) {
                discard(1);
            } else {
                int next = RtuFrameLength.of(side, buf, 0, len) == RtuFrameLength.SEARCH ? knownFrameAfterStart() : 0;
                if (next == 0) {
                    return;
                }
                discard(next);
            }
        }
    }

    /** Size of the valid frame at {@code start}, or WAIT or BAD; unknown functions searched if {@code search}. */
    private int frameAt(int start, boolean search) {
        int available = len - start;
        int expected = RtuFrameLength.of(side, buf, start, available);
        if (expected == RtuFrameLength.INVALID) {
            return BAD;
        } else if (expected == RtuFrameLength.SEARCH) {
            return search ? searchCrc(start, available) : WAIT;
        } else if (expected == RtuFrameLength.NEED_MORE || available < expected) {
            return WAIT;
        }
        return Crc16.endsWithValidCrc(buf, start, expected) ? expected : BAD;
    }

    /** The shortest length >= 4 at which the bytes from {@code start} end with their CRC, or WAIT. */
    private int searchCrc(int start, int available) {
        int crc = Crc16.update(Crc16.update(0xFFFF, buf[start]), buf[start + 1]);
        for (int size = MIN_ADU; size <= available; size++) {
            if (Crc16.matches(crc, buf, start + size - 2)) {
                return size;
            }
            crc = Crc16.update(crc, buf[start + size - 2]);
        }
        return WAIT;
    }

    /** The first offset after 0 where a complete known-function frame with a valid CRC starts, or 0. */
    private int knownFrameAfterStart() {
        for (int start = 1; start <= len - MIN_ADU; start++) {
            if (frameAt(start, false) > 0) {
                return start;
            }
        }
        return 0;
    }

    private void discard(int n) {
        if (!discarding) {
            dropped++;
            discarding = true;
        }
        keepDropped(n);
        remove(n);
    }

    /** The first {@code n} bytes of the buffer are dropped: they join the run, for {@code droppedRuns}. */
    private void keepDropped(int n) {
        if (droppedRuns == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (runLen == run.length) {
                endRun();
            }
            run[runLen++] = buf[i];
        }
    }

    private void endRun() {
        if (runLen > 0) {
            byte[] bytes = Arrays.copyOf(run, runLen);
            runLen = 0;
            droppedRuns.accept(bytes);
        }
    }

    private void remove(int n) {
        System.arraycopy(buf, n, buf, 0, len - n);
        len -= n;
    }
}
