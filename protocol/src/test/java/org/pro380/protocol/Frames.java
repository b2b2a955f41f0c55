package org.pro380.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test helpers: frames from hex, and feeding a framer in chunks. */
final class Frames {
    private Frames() {}

    /** The RTU frame for {@code hex} (unit + PDU), CRC appended. */
    static byte[] rtu(String hex) {
        byte[] b = Hex.parse(hex);
        return RtuCodec.encode(b[0] & 0xFF, Arrays.copyOfRange(b, 1, b.length));
    }

    /** What the framer should deliver for an encoded RTU frame. */
    static UnitPdu delivered(byte[] wire) {
        return new UnitPdu(wire[0] & 0xFF, Arrays.copyOfRange(wire, 1, wire.length - 2));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] repeat(byte[] part, int times) {
        byte[][] parts = new byte[times][];
        Arrays.fill(parts, part);
        return concat(parts);
    }

    /** Feeds {@code bytes} cut at the given ascending positions; returns every frame delivered. */
    static List<UnitPdu> feed(RtuFramer framer, byte[] bytes, int... cuts) {
        List<UnitPdu> frames = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            frames.addAll(feedPadded(framer, bytes, from, cut));
            from = cut;
        }
        frames.addAll(feedPadded(framer, bytes, from, bytes.length));
        return frames;
    }

    static List<UnitPdu> feedByteByByte(RtuFramer framer, byte[] bytes) {
        List<UnitPdu> frames = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            frames.addAll(feedPadded(framer, bytes, i, i + 1));
        }
        return frames;
    }

    /** Feeds bytes[from, to) from inside a larger array, so offset and length must be honoured. */
    private static List<UnitPdu> feedPadded(RtuFramer framer, byte[] bytes, int from, int to) {
        byte[] padded = new byte[to - from + 6];
        Arrays.fill(padded, (byte) 0x55);
        System.arraycopy(bytes, from, padded, 3, to - from);
        return framer.feed(padded, 3, to - from);
    }
}
