package org.pro380.app.client;

import java.util.Locale;
import java.util.Optional;
import org.pro380.registers.DataType;

/**
 * {@code pro380 read 0x5002 -t float -c 3}: registers by address, as mbpoll reads them. The
 * types are mbpoll's; 32-bit values take the high word first, as the meter keeps them.
 */
final class RawRead {

    /** What the words at an address hold, with mbpoll's names. */
    enum Type {
        INT16("int16", 1),
        UINT16("uint16", 1),
        INT32("int32", 2),
        HEX("hex", 1),
        FLOAT("float", 2);

        final String key;
        final int words;

        Type(String key, int words) {
            this.key = key;
            this.words = words;
        }

        static Type parse(String text) {
            for (Type t : values()) {
                if (t.key.equals(text.toLowerCase(Locale.ROOT))) {
                    return t;
                }
            }
            throw new IllegalArgumentException("-t must be int16, uint16, int32, hex or float, got '" + text + "'");
        }

        /** The value at {@code words[at]}, as text. */
        String text(int[] words, int at) {
            return switch (this) {
                case INT16 -> String.valueOf((short) words[at]);
                case UINT16 -> String.valueOf(words[at]);
                case INT32 -> String.valueOf(DataType.S32.decode(words, at));
                case HEX -> String.format("0x%04X", words[at]);
                case FLOAT -> Float.toString(DataType.F32.decode(words, at).floatValue());
            };
        }
    }

    private RawRead() {}

    /** The address if {@code text} is one (0x5002 or 20482), else empty: a group or register name. */
    static Optional<Integer> address(String text) {
        try {
            int a = text.toLowerCase(Locale.ROOT).startsWith("0x")
                    ? Integer.parseInt(text.substring(2), 16)
                    : Integer.parseInt(text);
            return a >= 0 && a <= 0xFFFF ? Optional.of(a) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** One line per value: its address and the value. */
    static String lines(int address, Type type, int[] words) {
        StringBuilder s = new StringBuilder();
        for (int at = 0; at + type.words <= words.length; at += type.words) {
            s.append(String.format("0x%04X  %s%n", address + at, type.text(words, at)));
        }
        return s.toString();
    }
}
