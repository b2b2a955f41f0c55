package org.pro380.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Streaming Modbus TCP framer: a state machine fed arbitrary chunks of a connection's bytes.
 * <pre>
 * chunks: [00 2a 00 00 00] [06 01 03 50 0c 00 06 00 2b ..]
 *          '-- 00 2a 00 00 00 06 01 03 50 0c 00 06 --' '-- next frame ...
 * </pre>
 * The header is checked as soon as its bytes arrive: protocol id 0 and a length field of
 * 2..254 (unit + 1..253 PDU bytes, so the ADU stays within 260 bytes). A stream cannot be
 * resynchronised after a bad header, so the framer throws, forgets what it buffered, and the
 * transport closes the connection. Frames completed before the bad header in the same chunk are
 * handed on first ({@link #feed(byte[], int, int, Consumer)}), so they are answered as they would
 * be had the bad header come in a later chunk.
 */
public final class MbapFramer {
    private static final int MIN_LENGTH = 2;
    private static final int MAX_LENGTH = MbapCodec.MAX_ADU - 6;

    private final byte[] buf = new byte[MbapCodec.MAX_ADU];
    private int len;

    /** Feeds {@code length} bytes of {@code chunk} from {@code offset}; returns the frames completed, in order. */
    public List<MbapFrame> feed(byte[] chunk, int offset, int length) throws MalformedFrameException {
        List<MbapFrame> frames = new ArrayList<>();
        feed(chunk, offset, length, frames::add);
        return frames;
    }

    /**
     * Feeds {@code length} bytes of {@code chunk} from {@code offset}, handing each frame to
     * {@code frames} as it completes; a bad header throws after the frames before it were handed on.
     */
    public void feed(byte[] chunk, int offset, int length, Consumer<MbapFrame> frames) throws MalformedFrameException {
        Objects.checkFromIndexSize(offset, length, chunk.length);
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            if (len < MbapCodec.HEADER) {
                buf[len++] = chunk[pos++];
                checkHeader();
            } else {
                int n = Math.min(end - pos, 6 + Wire.u16(buf, 4) - len);
                System.arraycopy(chunk, pos, buf, len, n);
                len += n;
                pos += n;
            }
            if (len >= MbapCodec.HEADER && len == 6 + Wire.u16(buf, 4)) {
                frames.accept(new MbapFrame(
                        Wire.u16(buf, 0),
                        UnitPdu.taking(buf[6] & 0xFF, Arrays.copyOfRange(buf, MbapCodec.HEADER, len))));
                len = 0;
            }
        }
    }

    /** Forgets a partial frame. */
    public void reset() {
        len = 0;
    }

    /** Bytes held waiting for the rest of a frame. */
    public int buffered() {
        return len;
    }

    private void checkHeader() throws MalformedFrameException {
        if (len == 4 && Wire.u16(buf, 2) != 0) {
            int protocol = Wire.u16(buf, 2);
            len = 0;
            throw new MalformedFrameException(String.format("MBAP protocol id 0x%04x (expected 0x0000)", protocol));
        }
        if (len == 6 && (Wire.u16(buf, 4) < MIN_LENGTH || Wire.u16(buf, 4) > MAX_LENGTH)) {
            int lengthField = Wire.u16(buf, 4);
            len = 0;
            throw new MalformedFrameException(
                    "MBAP length field " + lengthField + " (expected " + MIN_LENGTH + ".." + MAX_LENGTH + ")");
        }
    }
}
