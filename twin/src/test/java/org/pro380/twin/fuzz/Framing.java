package org.pro380.twin.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What framing may make of one fuzzed frame, from the specs: RTU (spec section 2) finds frames by
 * the length the function code implies plus a valid CRC; MBAP (Modbus Messaging on TCP/IP) is a
 * 7-byte header whose protocol id must be 0 and whose length field counts the unit id and a PDU
 * of 1..253 bytes; a bad header ends the connection.
 */
final class Framing {

    /** A request as framing delivers it. */
    record Frame(int transaction, int unit, byte[] pdu) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Frame f && f.transaction == transaction && f.unit == unit && Arrays.equals(f.pdu, pdu);
        }

        @Override
        public int hashCode() {
            return 31 * unit + Arrays.hashCode(pdu);
        }

        @Override
        public String toString() {
            return "unit " + unit + " tid " + transaction + ": " + Bytes.hex(pdu);
        }
    }

    /** The frames in a stream of MBAP bytes, and whether a bad header closes the connection after them. */
    record MbapSplit(List<Frame> frames, boolean closed) {}

    private Framing() {}

    static MbapSplit splitMbap(byte[] b) {
        List<Frame> frames = new ArrayList<>();
        int at = 0;
        while (b.length - at >= 4) {
            if (Bytes.u16(b, at + 2) != 0) {
                return new MbapSplit(frames, true);
            }
            if (b.length - at < 6) {
                break;
            }
            int length = Bytes.u16(b, at + 4);
            if (length < 2 || length > 254) {
                return new MbapSplit(frames, true);
            }
            if (b.length - at < 6 + length) {
                break; // the rest of the frame has not come (yet)
            }
            frames.add(new Frame(Bytes.u16(b, at), b[at + 6] & 0xFF, Arrays.copyOfRange(b, at + 7, at + 6 + length)));
            at += 6 + length;
        }
        return new MbapSplit(frames, false);
    }

    /**
     * Whether {@code delivered} is a possible RTU framing of {@code b} followed by silence: each
     * frame lies in {@code b} after the one before, with a valid CRC, at the length its function
     * code implies (the shortest with a valid CRC where the code implies none); and when {@code b}
     * is itself one such frame, it is delivered alone. Empty when so, else what is wrong.
     */
    static Optional<String> checkRtu(byte[] b, List<Frame> delivered) {
        int from = 0;
        for (Frame f : delivered) {
            byte[] adu = Bytes.rtu(f.unit(), f.pdu());
            int at = indexOf(b, adu, from);
            if (at < 0) {
                return Optional.of("delivered " + f + " is not a frame with a valid CRC in the input");
            }
            if (!frameAt(b, at, adu.length)) {
                return Optional.of("delivered " + f + " at a length its function code does not imply");
            }
            from = at + adu.length;
        }
        boolean wholeIsFrame = b.length >= 4 && Bytes.crcValid(b, 0, b.length) && frameAt(b, 0, b.length);
        if (wholeIsFrame && delivered.size() != 1) {
            return Optional.of("a well-formed frame gave " + delivered.size() + " frames");
        }
        return Optional.empty();
    }

    /** Whether b[at, at + length) is a request frame as its function code implies it. */
    private static boolean frameAt(byte[] b, int at, int length) {
        int fc = b[at + 1] & 0xFF;
        return switch (fc) {
            // Modbus application protocol request formats
            case 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x08 -> length == 8;
            case 0x07, 0x0B, 0x0C, 0x11 -> length == 4;
            case 0x0F, 0x10 -> length >= 7 && length == 9 + (b[at + 6] & 0xFF);
            default -> fc != 0 && fc < 0x80 && shortestValid(b, at) == length;
        };
    }

    private static int shortestValid(byte[] b, int at) {
        for (int length = 4; at + length <= b.length; length++) {
            if (Bytes.crcValid(b, at, at + length)) {
                return length;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] b, byte[] part, int from) {
        outer:
        for (int i = from; i + part.length <= b.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (b[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
