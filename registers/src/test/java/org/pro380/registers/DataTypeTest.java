package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encodings of spec section 4, with the spec's own examples. Where a type has two words the
 * examples use two distinct words, so a word swap cannot pass.
 */
class DataTypeTest {

    @ParameterizedTest(name = "f32 {0} = {1} {2}")
    @CsvSource({
        "16.0,    4180, 0000", // the spec's example
        "230.0,   4366, 0000",
        "-16.0,   C180, 0000",
        "-230.0,  C366, 0000",
        "50.0,    4248, 0000",
        "1.0,     3F80, 0000",
        "0.0,     0000, 0000",
        "-1.5,    BFC0, 0000",
        "3.2,     404C, CCCD", // distinct words: a swap reads as a different number
        "2.18,    400B, 851F",
        "-3.68,   C06B, 851F"
    })
    void f32IsBigEndianIeeeSingle(double value, String high, String low) {
        int[] words = {Integer.parseInt(high, 16), Integer.parseInt(low, 16)};

        assertThat(DataType.F32.encode(value)).containsExactly(words);
        assertThat(DataType.F32.decode(words, 0)).isEqualTo((double) (float) value);
    }

    @Test
    void f32WordSwapReadsAsAnotherNumber() {
        assertThat(DataType.F32.decode(new int[] {0xCCCD, 0x404C}, 0)).isNotCloseTo(3.2, offset(1.0));
        assertThat(DataType.F32.decode(new int[] {0x404C, 0xCCCD}, 0)).isEqualTo((double) 3.2f);
    }

    @Test
    void f32RoundsToSingleOnTheWayOut() {
        // 32236.8 kWh, a year at 16 A: the nearest single is 32236.80078125
        assertThat(DataType.F32.encode(32236.8)).containsExactly(0x46FB, 0xD99A);
        assertThat(DataType.F32.decode(new int[] {0x46FB, 0xD99A}, 0)).isEqualTo(32236.80078125);
    }

    @ParameterizedTest(name = "u16 {0} = {1}")
    @CsvSource({"0, 0000", "1, 0001", "9600, 2580", "258, 0102", "43981, ABCD", "65535, FFFF"})
    void u16IsOneUnsignedWord(int value, String word) {
        int[] words = {Integer.parseInt(word, 16)};

        assertThat(DataType.U16.encode(value)).containsExactly(words);
        assertThat(DataType.U16.decode(words, 0)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void u16RefusesWhatDoesNotFitOneWord(int value) {
        assertThatThrownBy(() -> DataType.U16.encode(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "s32 {0} = {1} {2}")
    @CsvSource({
        "45,          0000, 002D", // Imax of the PRO380
        "-45,         FFFF, FFD3",
        "-1,          FFFF, FFFF",
        "-1412623820, ABCD, 1234", // 0xABCD1234: negative, distinct words
        "305441741,   1234, ABCD", // 0x1234ABCD: the same words swapped
        "2147483647,  7FFF, FFFF",
        "-2147483648, 8000, 0000",
        "0,           0000, 0000"
    })
    void s32IsSignedHighWordFirst(int value, String high, String low) {
        int[] words = {Integer.parseInt(high, 16), Integer.parseInt(low, 16)};

        assertThat(DataType.S32.encode(value)).containsExactly(words);
        assertThat(DataType.S32.decode(words, 0)).isEqualTo(value);
    }

    @ParameterizedTest(name = "bcd32 {0} = {1} {2}")
    @CsvSource({
        "22091039, 2209, 1039", // the spec's serial number
        "10392209, 1039, 2209", // the same words swapped
        "12345678, 1234, 5678",
        "0,        0000, 0000",
        "99999999, 9999, 9999",
        "1,        0000, 0001",
        "10000,    0001, 0000"
    })
    void bcd32IsEightDigitsAsNibbles(int value, String high, String low) {
        int[] words = {Integer.parseInt(high, 16), Integer.parseInt(low, 16)};

        assertThat(DataType.BCD32.encode(value)).containsExactly(words);
        assertThat(DataType.BCD32.decode(words, 0)).isEqualTo(value);
    }

    @ParameterizedTest(name = "bcd32 {0} {1} is not BCD")
    @CsvSource({"220A, 1039", "2209, 103F", "A000, 0000", "0000, 00B0", "FFFF, FFFF", "0000, 000A", "F000, 0000"})
    void bcd32RefusesNibblesAboveNineOnDecode(String high, String low) {
        int[] words = {Integer.parseInt(high, 16), Integer.parseInt(low, 16)};

        assertThatThrownBy(() -> DataType.BCD32.decode(words, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not BCD");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 100_000_000, Integer.MAX_VALUE})
    void bcd32RefusesMoreThanEightDigits(int value) {
        assertThatThrownBy(() -> DataType.BCD32.encode(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "bcd16 {0} = {1}")
    @CsvSource({"25, 0025", "1, 0001", "10, 0010", "30, 0030", "19, 0019", "100, 0100", "9999, 9999", "0, 0000"})
    void bcd16IsDecimalDigitsAsNibbles(int value, String word) {
        int[] words = {Integer.parseInt(word, 16)};

        assertThat(DataType.BCD16.encode(value)).containsExactly(words);
        assertThat(DataType.BCD16.decode(words, 0)).isEqualTo(value);
    }

    @ParameterizedTest(name = "bcd16 {0} is not BCD")
    @ValueSource(strings = {"001A", "00A0", "0A00", "A000", "000F", "FFFF", "002B"})
    void bcd16RefusesNibblesAboveNineOnDecode(String word) {
        assertThatThrownBy(() -> DataType.BCD16.decode(new int[] {Integer.parseInt(word, 16)}, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not BCD");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 10_000})
    void bcd16RefusesMoreThanFourDigits(int value) {
        assertThatThrownBy(() -> DataType.BCD16.encode(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "ascii2 \"{0}\" = {1}")
    @CsvSource({"1F, 3146", "1R, 3152", "2F, 3246", "2R, 3252", "3F, 3346", "3R, 3352", "F1, 4631"})
    void ascii2PutsTheFirstCharacterInTheHighByte(String text, String word) {
        int[] words = {Integer.parseInt(word, 16)};

        assertThat(DataType.ASCII2.encode(text)).containsExactly(words);
        assertThat(DataType.ASCII2.decode(words, 0)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1FF", "1\u00e9", "\u00001"})
    void ascii2RefusesAnythingButTwoPrintableCharacters(String text) {
        assertThatThrownBy(() -> DataType.ASCII2.encode(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "hex32 {0} = {1} {2}")
    @CsvSource({
        "0607E329, 0607, E329", // the firmware checksum
        "E3290607, E329, 0607", // the same words swapped
        "00110111, 0011, 0111", // the status word of a real meter
        "FFFFFFFF, FFFF, FFFF",
        "00000000, 0000, 0000"
    })
    void hex32IsUnsignedHighWordFirst(String hex, String high, String low) {
        long value = Long.parseLong(hex, 16);
        int[] words = {Integer.parseInt(high, 16), Integer.parseInt(low, 16)};

        assertThat(DataType.HEX32.encode(value)).containsExactly(words);
        assertThat(DataType.HEX32.decode(words, 0)).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0x1_0000_0000L})
    void hex32RefusesWhatDoesNotFitThirtyTwoBits(long value) {
        assertThatThrownBy(() -> DataType.HEX32.encode(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wordCountsMatchSectionFour() {
        assertThat(List.of(
                        DataType.F32,
                        DataType.U16,
                        DataType.S32,
                        DataType.BCD32,
                        DataType.BCD16,
                        DataType.ASCII2,
                        DataType.HEX32))
                .extracting(DataType::words)
                .containsExactly(2, 1, 2, 2, 1, 1, 2);
    }

    @Test
    void decodeReadsAtAnOffsetInsideALongerRead() {
        int[] read = {0x0102, 0x2209, 0x1039, 0x3146};

        assertThat(DataType.BCD32.decode(read, 1)).isEqualTo(22091039);
        assertThat(DataType.ASCII2.decode(read, 3)).isEqualTo("1F");
        assertThat(DataType.U16.decode(read, 0)).isEqualTo(0x0102);
    }

    @Test
    void decodeRefusesTooFewWords() {
        assertThatThrownBy(() -> DataType.F32.decode(new int[] {0x4180}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataType.HEX32.decode(new int[] {0x0607, 0xE329}, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataType.U16.decode(new int[] {1}, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundTripsEveryTypeOverManyValues() {
        for (int i = 0; i <= 9999; i++) {
            assertThat(DataType.BCD16.decode(DataType.BCD16.encode(i), 0)).isEqualTo(i);
        }
        for (int i = 0; i < 100_000_000; i += 7_777) {
            assertThat(DataType.BCD32.decode(DataType.BCD32.encode(i), 0)).isEqualTo(i);
        }
        for (int i = 0; i <= 0xFFFF; i++) {
            assertThat(DataType.U16.decode(DataType.U16.encode(i), 0)).isEqualTo(i);
        }
        for (long v = Integer.MIN_VALUE; v <= Integer.MAX_VALUE; v += 65_537 * 997L) {
            int s = (int) v;
            assertThat(DataType.S32.decode(DataType.S32.encode(s), 0)).isEqualTo(s);
            long h = v & 0xFFFF_FFFFL;
            assertThat(DataType.HEX32.decode(DataType.HEX32.encode(h), 0)).isEqualTo(h);
        }
        for (double d : new double[] {-45.5, -0.001, 0.97, 231.7, 49.98, 96710.4, 1e-6, 3.4e38}) {
            double single = (float) d;
            assertThat(DataType.F32.decode(DataType.F32.encode(single), 0)).isEqualTo(single);
        }
        for (char a = 0x20; a <= 0x7E; a++) {
            String s = a + "" + (char) (0x7E - (a - 0x20));
            assertThat(DataType.ASCII2.decode(DataType.ASCII2.encode(s), 0)).isEqualTo(s);
        }
    }

    @Test
    void encodeObjectChecksTheJavaType() {
        assertThat(DataType.U16.encodeObject(9600)).containsExactly(0x2580);
        assertThatThrownBy(() -> DataType.U16.encodeObject("9600")).isInstanceOf(ClassCastException.class);
    }
}
