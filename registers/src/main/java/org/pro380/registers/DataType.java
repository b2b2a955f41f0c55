package org.pro380.registers;

import java.util.function.Function;

/**
 * How a register value is encoded in 16-bit Modbus words (spec section 4). Encoding and
 * decoding are symmetric: {@code decode(encode(v)) == v} for every legal value.
 *
 * @param <T> the Java type of the decoded value
 */
public final class DataType<T> {

    /** IEEE-754 single, big-endian word and byte order (ABCD): 16.0 is {@code 0x4180 0x0000}. */
    public static final DataType<Double> F32 =
            new DataType<>("f32", 2, Double.class, v -> f32Bits(v), w -> (double) Float.intBitsToFloat(join32(w)));

    /** Unsigned 16-bit. */
    public static final DataType<Integer> U16 =
            new DataType<>("u16", 1, Integer.class, v -> checkRange(v, 0, 0xFFFF), w -> w[0]);

    /** Signed 32-bit, high word first. */
    public static final DataType<Integer> S32 = new DataType<>("s32", 2, Integer.class, v -> v, DataType::join32);

    /** Eight decimal digits as hex nibbles: 22091039 is {@code 0x2209 0x1039}. */
    public static final DataType<Integer> BCD32 = new DataType<>(
            "bcd32",
            2,
            Integer.class,
            v -> toBcd(checkRange(v, 0, 99_999_999)),
            w -> fromBcd(join32(w) & 0xFFFF_FFFFL));

    /** Four decimal digits as hex nibbles: 25 is {@code 0x0025}. */
    public static final DataType<Integer> BCD16 =
            new DataType<>("bcd16", 1, Integer.class, v -> toBcd(checkRange(v, 0, 9999)), w -> fromBcd(w[0]));

    /** Two ASCII characters, the first in the high byte: "1F" is {@code 0x3146}. */
    public static final DataType<String> ASCII2 = new DataType<>(
            "ascii2",
            1,
            String.class,
            DataType::encodeAscii2,
            w -> new String(new char[] {(char) (w[0] >> 8), (char) (w[0] & 0xFF)}));

    /** A 32-bit code shown as hex, high word first. */
    public static final DataType<Long> HEX32 = new DataType<>(
            "hex32", 2, Long.class, v -> (int) checkRange(v, 0, 0xFFFF_FFFFL), w -> join32(w) & 0xFFFF_FFFFL);

    /**
     * A value's words as one int, high word first (every type takes one or two words): what
     * both the words and the bytes of a value are cut from.
     */
    @FunctionalInterface
    private interface Bits<T> {
        int of(T value);
    }

    private final String name;
    private final int words;
    private final Class<T> javaType;
    private final Bits<T> bits;
    private final Function<int[], T> decoder;

    private DataType(String name, int words, Class<T> javaType, Bits<T> bits, Function<int[], T> decoder) {
        this.name = name;
        this.words = words;
        this.javaType = javaType;
        this.bits = bits;
        this.decoder = decoder;
    }

    public String name() {
        return name;
    }

    /** Number of 16-bit registers a value occupies. */
    public int words() {
        return words;
    }

    public Class<T> javaType() {
        return javaType;
    }

    /** The words of a value, each 0..0xFFFF. Throws IllegalArgumentException for a value the type cannot hold. */
    public int[] encode(T value) {
        int[] words = new int[this.words];
        put(value, words, 0);
        return words;
    }

    /** Writes the words of a value into {@code out} from {@code at}, as {@link #encode} gives them. */
    public void put(T value, int[] out, int at) {
        int v = bits.of(value);
        if (words == 2) {
            out[at++] = v >>> 16;
        }
        out[at] = v & 0xFFFF;
    }

    /**
     * Writes the words of a value into {@code out} from {@code at} as they go on the wire: two
     * bytes a word, high byte first (a register read is answered so, without its words first).
     */
    public void put(T value, byte[] out, int at) {
        putBytes(bits.of(value), words, out, at);
    }

    /** The bytes of an f32 value into {@code out} from {@code at}, as {@link #put(Object, byte[], int)}, without boxing. */
    public static void putF32(double value, byte[] out, int at) {
        putBytes(f32Bits(value), 2, out, at);
    }

    private static int f32Bits(double value) {
        return Float.floatToIntBits((float) value);
    }

    private static void putBytes(int v, int words, byte[] out, int at) {
        if (words == 2) {
            out[at++] = (byte) (v >>> 24);
            out[at++] = (byte) (v >>> 16);
        }
        out[at++] = (byte) (v >>> 8);
        out[at] = (byte) v;
    }

    /** Decodes {@link #words()} words starting at {@code offset}. Throws IllegalArgumentException for words that are not a value of this type (a BCD nibble above 9, say). */
    public T decode(int[] registers, int offset) {
        if (offset < 0 || offset + words > registers.length) {
            throw new IllegalArgumentException(
                    name + " needs " + words + " words at offset " + offset + ", got " + registers.length + " words");
        }
        int[] w = new int[words];
        for (int i = 0; i < words; i++) {
            w[i] = registers[offset + i] & 0xFFFF;
        }
        return decoder.apply(w);
    }

    /** Encodes a value given as Object (from JSON or the command line); the type must match. */
    public int[] encodeObject(Object value) {
        return encode(javaType.cast(value));
    }

    @Override
    public String toString() {
        return name;
    }

    private static int join32(int[] w) {
        return (w[0] << 16) | w[1];
    }

    private static int checkRange(int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    private static long checkRange(long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException("value " + v + " outside " + min + ".." + max);
        }
        return v;
    }

    private static int toBcd(int decimal) {
        int bcd = 0;
        for (int shift = 0; decimal > 0; shift += 4, decimal /= 10) {
            bcd |= (decimal % 10) << shift;
        }
        return bcd;
    }

    private static int fromBcd(long raw) {
        String hex = Long.toHexString(raw);
        for (char c : hex.toCharArray()) {
            if (c > '9') {
                throw new IllegalArgumentException("0x" + hex + " is not BCD: nibble " + c + " above 9");
            }
        }
        return Integer.parseInt(hex);
    }

    private static int encodeAscii2(String s) {
        if (s.length() != 2 || !printable(s.charAt(0)) || !printable(s.charAt(1))) {
            throw new IllegalArgumentException("ascii2 needs two printable ASCII characters, got \"" + s + "\"");
        }
        return (s.charAt(0) << 8) | s.charAt(1);
    }

    private static boolean printable(char c) {
        return c >= 0x20 && c <= 0x7E;
    }
}
