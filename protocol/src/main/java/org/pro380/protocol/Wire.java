package org.pro380.protocol;

/** Range checks and big-endian reads shared by the records and codecs. */
final class Wire {
    static final int MAX_PDU = 253;

    private Wire() {}

    static int u16(String name, int value) {
        return range(name, value, 0, 0xFFFF);
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + " (expected " + min + ".." + max + ")");
        }
        return value;
    }

    static int u8(byte[] b, int at) {
        return b[at] & 0xFF;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
    }

    static void putU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 8);
        b[at + 1] = (byte) value;
    }
}
