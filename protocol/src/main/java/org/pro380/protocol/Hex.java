package org.pro380.protocol;

import java.util.HexFormat;

/** Bytes as spaced lower-case hex, the way the spec writes frames: {@code "01 03 50 0c"}. */
public final class Hex {
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {}

    /** {@code {0x01, 0x03}} as {@code "01 03"}. */
    public static String format(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    /** {@code "01 03 50 0C"} (any case, spaces optional) as bytes. */
    public static byte[] parse(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }
}
