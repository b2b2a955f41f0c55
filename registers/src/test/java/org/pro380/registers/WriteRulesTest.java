package org.pro380.registers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every writable register of spec section 5 against every one of the 65,536 words a write can
 * carry: exactly the legal words pass. The legal sets are typed from the spec.
 */
class WriteRulesTest {

    /** The LCD cycle time 1..30 s as BCD words (spec section 4: "HEX" on the LCD cycle means BCD). */
    private static final Set<Integer> LCD_WORDS = new TreeSet<>(List.of(
            0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18,
            0x19, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x30));

    private static final Map<Integer, Set<Integer>> LEGAL_WORDS = Map.of(
            0x4003, range(1, 247), // meter id
            0x4004, Set.of(300, 600, 1200, 2400, 4800, 9600), // baud: the union
            0x4010, LCD_WORDS, // LCD cycle time
            0x4011, Set.of(1, 2, 3), // parity
            0x4016, Set.of(0), // power counter: reset only
            0x4021, Set.of(1, 2), // backlight
            0x6048, Set.of(1, 2, 3)); // tariff

    private static Set<Integer> range(int min, int max) {
        Set<Integer> s = new TreeSet<>();
        IntStream.rangeClosed(min, max).forEach(s::add);
        return s;
    }

    @Test
    void exactlyTheSpecsRegistersAreWritable() {
        assertThat(Registers.MAP.all().stream().filter(Register::writable).map(Register::address))
                .containsExactlyInAnyOrderElementsOf(LEGAL_WORDS.keySet());
    }

    static Stream<Arguments> writable() {
        return LEGAL_WORDS.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Arguments.of(String.format("0x%04X", e.getKey()), e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writable")
    void everyWordIsJudgedAsTheSpecSays(String name, int address, Set<Integer> legal) {
        Register<?> r = Registers.MAP.startingAt(address).orElseThrow();
        List<Integer> wronglyAccepted = new ArrayList<>();
        List<Integer> wronglyRefused = new ArrayList<>();
        for (int word = 0; word <= 0xFFFF; word++) {
            boolean accepted = r.rejectWrite(new int[] {word}).isEmpty();
            if (accepted && !legal.contains(word)) {
                wronglyAccepted.add(word);
            } else if (!accepted && legal.contains(word)) {
                wronglyRefused.add(word);
            }
        }
        assertThat(wronglyAccepted).as("accepted but illegal").isEmpty();
        assertThat(wronglyRefused).as("refused but legal").isEmpty();
    }

    @ParameterizedTest(name = "0x{0} = 0x{1}: {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "4003; 0000; meter-id must be 1..247, got 0",
                "4003; 00F8; meter-id must be 1..247, got 248",
                "4003; FFFF; meter-id must be 1..247, got 65535",
                "4004; 4B00; baud-rate must be 300, 600, 1200, 2400, 4800 or 9600, got 19200",
                "4010; 001A; lcd-cycle-time: 0x1a is not BCD: nibble a above 9",
                "4010; 0031; lcd-cycle-time must be 1..30, got 31",
                "4016; 0001; power-counter must be 0 (reset), got 1",
                "6048; 0004; tariff must be 1..3, got 4"
            })
    void aRefusalSaysWhatWasGotAndWhatIsAllowed(String address, String word, String message) {
        Register<?> r = Registers.MAP.startingAt(Integer.parseInt(address, 16)).orElseThrow();

        assertThat(r.rejectWrite(new int[] {Integer.parseInt(word, 16)})).contains(message);
    }

    @Test
    void readOnlyRegistersRefuseEveryWrite() {
        for (Register<?> r : Registers.MAP.all()) {
            if (!r.writable()) {
                assertThat(r.rejectWrite(new int[r.words()])).as("%s", r).isPresent();
            }
        }
        assertThat(Registers.SERIAL_NUMBER.rejectWrite(new int[] {0x2209, 0x1039}))
                .contains("serial-number is read-only");
    }

    @Test
    void aWriteOfTheWrongLengthIsRefused() {
        assertThat(Registers.UNIT_ID.rejectWrite(new int[] {1, 1})).isPresent();
        assertThat(Registers.UNIT_ID.rejectWrite(new int[0])).isPresent();
    }

    @Test
    void writeRuleDescriptionsNameTheLegalValues() {
        assertThat(WriteRule.range(1, 247).description()).isEqualTo("1..247");
        assertThat(WriteRule.range(1, 3).allowed().test(0)).isFalse();
        assertThat(WriteRule.range(1, 3).allowed().test(3)).isTrue();
        assertThat(WriteRule.oneOf("1 or 2", 1, 2).allowed().test(2)).isTrue();
        assertThat(WriteRule.oneOf("1 or 2", 1, 2).allowed().test(3)).isFalse();
    }
}
