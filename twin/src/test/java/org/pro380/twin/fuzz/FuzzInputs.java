package org.pro380.twin.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded fuzz inputs: valid requests (reads, writes, other functions, to the meter's unit, to
 * broadcast, to others), then mutated as whole RTU or MBAP frames: bit flips, truncation,
 * extension, random bytes, wrong lengths, wrong unit ids, bad CRCs, bad MBAP headers.
 */
final class FuzzInputs {

    /** One fuzzed frame and how it was made, for messages. */
    record Input(String how, byte[] bytes) {
        @Override
        public String toString() {
            return how + ": " + Bytes.hex(bytes);
        }
    }

    private static final int[][] BLOCKS = {{0x4000, 0x4021}, {0x5000, 0x5031}, {0x6000, 0x6057}};
    private static final int[] WRITABLE = {0x4003, 0x4004, 0x4010, 0x4011, 0x4016, 0x4021, 0x6048};
    private static final int[][] LEGAL = {
        {1, 7, 247}, {300, 600, 1200, 2400, 4800, 9600}, {0x01, 0x10, 0x25, 0x30}, {1, 2, 3}, {0}, {1, 2}, {1, 2, 3}
    };
    private static final int RTU_MAX = 256;

    private final Random random;

    FuzzInputs(long seed) {
        random = new Random(seed);
    }

    /** A valid request PDU of some kind (some of them illegal for the meter, none malformed). */
    byte[] request() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> readInsideABlock();
            case 3 -> pdu(SpecOracle.READ, random.nextInt(0x10000), random.nextInt(131));
            case 4, 5 -> writeSingle();
            case 6 -> writeMultiple();
            case 7 -> otherFunction();
            default -> readInsideABlock();
        };
    }

    /** The unit a request goes to: mostly the meter's own, sometimes broadcast, 255 or another. */
    int unit(int own) {
        int r = random.nextInt(100);
        return r < 80 ? own : r < 87 ? 0 : r < 92 ? 255 : random.nextInt(256);
    }

    Input rtu(int own) {
        int unit = unit(own);
        byte[] pdu = request();
        byte[] valid = Bytes.rtu(unit, pdu);
        return switch (random.nextInt(13)) {
            case 0, 1 -> new Input("valid", valid);
            case 2 -> new Input("bit flips", flipBits(valid, 0, valid.length));
            case 3 -> new Input("bit flips, CRC fixed", Bytes.withCrc(flipBits(valid, 0, valid.length - 2)));
            case 4 -> new Input("truncated", Arrays.copyOf(valid, random.nextInt(valid.length)));
            case 5 -> new Input("extended", cap(concat(valid, randomBytes(1 + random.nextInt(12))), RTU_MAX));
            case 6 ->
                new Input(
                        "longer PDU, CRC fixed",
                        Bytes.rtu(unit, cap(concat(pdu, randomBytes(1 + random.nextInt(6))), RTU_MAX - 3)));
            case 7 ->
                new Input(
                        "shorter PDU, CRC fixed", Bytes.rtu(unit, Arrays.copyOf(pdu, 1 + random.nextInt(pdu.length))));
            case 8 -> new Input("other unit, CRC fixed", Bytes.rtu(random.nextInt(256), pdu));
            case 9 -> new Input("bad CRC", badCrc(valid));
            case 10 ->
                new Input(
                        "random bytes",
                        randomBytes(random.nextInt(10) == 0 ? random.nextInt(RTU_MAX + 1) : random.nextInt(24)));
            case 11 -> new Input("garbage before", cap(concat(randomBytes(1 + random.nextInt(6)), valid), RTU_MAX));
            default -> new Input("field overwritten, CRC fixed", Bytes.rtu(unit, overwriteField(pdu)));
        };
    }

    Input mbap(int own) {
        int unit = unit(own);
        byte[] pdu = request();
        byte[] valid = Bytes.mbap(random.nextInt(0x10000), unit, pdu);
        return switch (random.nextInt(12)) {
            case 0, 1 -> new Input("valid", valid);
            case 2 -> new Input("bit flips in unit and PDU", flipBits(valid, 6, valid.length));
            case 3 -> new Input("bit flips in the header", flipBits(valid, 0, 6));
            case 4 -> new Input("truncated", Arrays.copyOf(valid, random.nextInt(valid.length)));
            case 5 ->
                new Input(
                        "longer PDU, length fixed",
                        Bytes.mbap(
                                random.nextInt(0x10000),
                                unit,
                                cap(concat(pdu, randomBytes(1 + random.nextInt(8))), 253)));
            case 6 ->
                new Input(
                        "shorter PDU, length fixed",
                        Bytes.mbap(random.nextInt(0x10000), unit, Arrays.copyOf(pdu, 1 + random.nextInt(pdu.length))));
            case 7 -> new Input("extended, length kept", concat(valid, randomBytes(1 + random.nextInt(12))));
            case 8 -> new Input("protocol id not 0", setU16(valid, 2, 1 + random.nextInt(0xFFFF)));
            case 9 -> new Input("length field wrong", setU16(valid, 4, wrongLength(Bytes.u16(valid, 4))));
            case 10 -> new Input("random bytes", randomBytes(random.nextInt(24)));
            default ->
                new Input(
                        "two frames",
                        concat(valid, Bytes.mbap(random.nextInt(0x10000), unit(own), overwriteField(request()))));
        };
    }

    private byte[] readInsideABlock() {
        int[] block = BLOCKS[random.nextInt(BLOCKS.length)];
        int start = block[0] + random.nextInt(block[1] - block[0] + 1);
        int quantity = 1 + random.nextInt(Math.min(125, block[1] - start + 1));
        return pdu(SpecOracle.READ, start, quantity);
    }

    private byte[] writeSingle() {
        if (random.nextInt(4) == 0) {
            return pdu(SpecOracle.WRITE_SINGLE, random.nextInt(0x10000), random.nextInt(0x10000));
        }
        int i = random.nextInt(WRITABLE.length);
        return pdu(SpecOracle.WRITE_SINGLE, WRITABLE[i], value(i));
    }

    private byte[] writeMultiple() {
        int i = random.nextInt(WRITABLE.length);
        int address = random.nextInt(8) == 0 ? random.nextInt(0x10000) : WRITABLE[i] - random.nextInt(2);
        int quantity = 1 + random.nextInt(3);
        byte[] pdu = new byte[6 + 2 * quantity];
        pdu[0] = SpecOracle.WRITE_MULTIPLE;
        setU16(pdu, 1, address);
        setU16(pdu, 3, quantity);
        pdu[5] = (byte) (2 * quantity);
        for (int k = 0; k < quantity; k++) {
            int at = Arrays.binarySearch(WRITABLE, address + k);
            setU16(pdu, 6 + 2 * k, at >= 0 ? value(at) : random.nextInt(0x10000));
        }
        return pdu;
    }

    /** A legal value of writable register {@code i} most of the time, else any word. */
    private int value(int i) {
        return random.nextInt(5) == 0 ? random.nextInt(0x10000) : LEGAL[i][random.nextInt(LEGAL[i].length)];
    }

    private byte[] otherFunction() {
        int fc = 1 + random.nextInt(127);
        return concat(new byte[] {(byte) fc}, randomBytes(random.nextInt(10)));
    }

    /** One 16-bit field of the PDU (address, quantity, value, byte count) set to any value. */
    private byte[] overwriteField(byte[] pdu) {
        byte[] b = pdu.clone();
        if (b.length >= 3) {
            int at = 1 + random.nextInt(b.length - 2);
            int[] interesting = {0, 1, 2, 123, 124, 125, 126, 0x7F, 0x80, 0xFF, 0x4000, 0x5000, 0x6057, 0xFFFF};
            setU16(
                    b,
                    at,
                    random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(0x10000));
        }
        return b;
    }

    private byte[] flipBits(byte[] b, int from, int to) {
        byte[] flipped = b.clone();
        int flips = 1 + random.nextInt(3);
        for (int i = 0; i < flips && to > from; i++) {
            flipped[from + random.nextInt(to - from)] ^= (byte) (1 << random.nextInt(8));
        }
        return flipped;
    }

    private byte[] badCrc(byte[] valid) {
        byte[] b = valid.clone();
        int xor = 1 + random.nextInt(0xFFFF);
        b[b.length - 2] ^= (byte) xor;
        b[b.length - 1] ^= (byte) (xor >> 8);
        return b;
    }

    private int wrongLength(int actual) {
        int[] choices = {0, 1, 255, 256, 0xFFFF, actual - 1, actual + 1, random.nextInt(0x10000)};
        return Math.max(0, choices[random.nextInt(choices.length)]);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] pdu(int fc, int a, int b) {
        byte[] pdu = {(byte) fc, 0, 0, 0, 0};
        setU16(pdu, 1, a);
        setU16(pdu, 3, b);
        return pdu;
    }

    private static byte[] setU16(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 8);
        b[at + 1] = (byte) value;
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static byte[] cap(byte[] b, int max) {
        return b.length > max ? Arrays.copyOf(b, max) : b;
    }
}
