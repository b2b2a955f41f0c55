package org.pro380.protocol;

import java.util.Objects;

/**
 * The Modbus CRC16: polynomial 0xA001 (0x8005 reflected), initial value 0xFFFF, table-driven.
 * On the wire the low byte comes first:
 * <pre>
 * 01 03 50 0c 00 06 | 14 cb      CRC = 0xCB14
 * </pre>
 */
public final class Crc16 {
    private static final int[] TABLE = table();

    private Crc16() {}

    /** The CRC of {@code length} bytes of {@code data} from {@code offset}, 0..0xFFFF. */
    public static int of(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = update(crc, data[i]);
        }
        return crc;
    }

    /**
     * Whether the last two of {@code length} bytes from {@code offset} are the CRC of the bytes
     * before them, low byte first. False when fewer than three bytes are given (a frame has at
     * least one byte before its CRC).
     */
    public static boolean endsWithValidCrc(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        return length >= 3 && matches(of(frame, offset, length - 2), frame, offset + length - 2);
    }

    /** The CRC after one more byte: lets a caller run a CRC forward byte by byte. */
    static int update(int crc, byte b) {
        return (crc >>> 8) ^ TABLE[(crc ^ b) & 0xFF];
    }

    /** Whether {@code data[at]}, {@code data[at + 1]} hold {@code crc}, low byte first. */
    static boolean matches(int crc, byte[] data, int at) {
        return (data[at] & 0xFF) == (crc & 0xFF) && (data[at + 1] & 0xFF) == crc >>> 8;
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ 0xA001 : c >>> 1;
            }
            t[i] = c;
        }
        return t;
    }
}
