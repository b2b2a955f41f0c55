package org.pro380.twin.source;

import java.util.Locale;

/** One quantity of a {@link ModbusSourceMap}: a number in registers of the source meter (times a scale), or a constant. */
sealed interface RegisterValue permits RegisterValue.Constant, RegisterValue.InRegisters {

    /** How a number lies in the registers: its type and width in 16-bit words. */
    enum Type {
        F32(2),
        S16(1),
        U16(1),
        S32(2),
        U32(2);

        final int words;

        Type(int words) {
            this.words = words;
        }

        /** The value of {@code high} and {@code low} (the words in ABCD order; {@code low} unused for 16-bit types). */
        double decode(int high, int low) {
            int both = high << 16 | low;
            return switch (this) {
                case F32 -> Float.intBitsToFloat(both);
                case S16 -> (short) high;
                case U16 -> high;
                case S32 -> both;
                case U32 -> Integer.toUnsignedLong(both);
            };
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The order of the two words of a 32-bit number: high word first (ABCD, Modbus's own) or low word first (CDAB). */
    enum WordOrder {
        ABCD,
        CDAB
    }

    record Constant(double value) implements RegisterValue {}

    /**
     * A number at {@code address} in the registers of {@code function} (3 holding, 4 input).
     *
     * @param scale what the number is multiplied by: 0.1 for tenths of a volt, -1 for a meter that counts export as positive
     */
    record InRegisters(int function, int address, Type type, WordOrder order, double scale) implements RegisterValue {

        int words() {
            return type.words;
        }

        /** The value in {@code words}, which hold this number from index {@code at} on. */
        double in(int[] words, int at) {
            int first = words[at];
            int second = type.words == 2 ? words[at + 1] : 0;
            boolean swapped = type.words == 2 && order == WordOrder.CDAB;
            return (swapped ? type.decode(second, first) : type.decode(first, second)) * scale;
        }
    }
}
