package org.pro380.twin.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pro380.meter.Load;
import org.pro380.meter.PhaseLoad;
import org.pro380.testkit.ProjectRoot;
import org.pro380.twin.source.ModbusSourceMap.Read;

/** Register maps of generic meters: the shipped ones against an SDM630's registers, the reads they group, maps that are wrong. */
class ModbusSourceMapTest {

    @TempDir
    Path dir;

    private static ModbusSourceMap shipped(String name) {
        return ModbusSourceMap.load(ProjectRoot.resolve(ModbusSourceMapTest.class, "docs/source-maps/" + name));
    }

    private ModbusSourceMap map(String json) throws Exception {
        return ModbusSourceMap.load(Files.writeString(dir.resolve("map.json"), json));
    }

    @Test
    void theSdm630MapReadsEveryQuantityInOneRequest() {
        ModbusSourceMap sdm630 = shipped("sdm630.json");
        assertThat(sdm630.reads()).containsExactly(new Read(4, 0x0000, 72));

        Load load = sdm630.load(List.of(Sdm630Image.words()));

        assertThat(load.frequency()).isCloseTo(49.9, within(1e-5));
        assertThat(load.phases())
                .containsExactly(
                        new PhaseLoad(230, 4, 0.5, false, false),
                        new PhaseLoad(231, 1, 1, true, false),
                        new PhaseLoad(229.5, 2, 0.75, false, true));
    }

    @Test
    void theEastronFloatMapReadsL1InTwoRequestsOfAtMost60Registers() {
        ModbusSourceMap eastron = shipped("eastron-float.json");
        assertThat(eastron.reads()).containsExactly(new Read(4, 0x0000, 32), new Read(4, 0x0046, 2));
        int[] image = Sdm630Image.words();

        Load load = eastron.load(List.of(Arrays.copyOfRange(image, 0, 32), Arrays.copyOfRange(image, 0x46, 0x48)));

        assertThat(load.frequency()).isCloseTo(49.9, within(1e-5));
        assertThat(load.phases())
                .containsExactly(
                        new PhaseLoad(230, 4, 0.5, false, false),
                        new PhaseLoad(230, 0, 1, false, false),
                        new PhaseLoad(230, 0, 1, false, false));
    }

    @Test
    void wordOrderTypesScaleAndFunctionPerQuantity() throws Exception {
        ModbusSourceMap m = map("""
                {"wordOrder": "CDAB",
                 "phases": [
                   {"voltage": {"address": 10, "function": 3, "type": "u16", "scale": 0.1},
                    "current": {"address": "0x0000"},
                    "power": {"address": 4, "type": "s32", "wordOrder": "ABCD"}},
                   {"current": {"address": 2, "type": "u32", "scale": 0.001}},
                   {"power": {"address": 11, "function": 3, "type": "s16", "scale": -1}, "voltage": 231}]}
                """);
        assertThat(m.reads()).containsExactly(new Read(3, 10, 2), new Read(4, 0, 6));

        Load load = m.load(List.of(
                new int[] {0x08FC, 0xFF38}, // 230.0 V in tenths; -200 as s16
                new int[] {0x0000, 0x4080, 0x1388, 0x0000, 0xFFFF, 0xFCE0
                })); // 4.0 f32 CDAB; 5000 u32 CDAB; -800 s32 ABCD

        assertThat(load.frequency()).isEqualTo(50);
        assertThat(load.phases())
                .containsExactly(
                        new PhaseLoad(230, 4, 800 / (230.0 * 4), true, false),
                        new PhaseLoad(230, 5, 1, false, false),
                        new PhaseLoad(231, 200 / 231.0, 1, false, false));
    }

    @Test
    void readsAreSplitWhereTheyWouldGrowPastMaxRead() throws Exception {
        ModbusSourceMap m = map("""
                {"maxRead": 4, "frequency": {"address": 8},
                 "phases": [{"current": {"address": 0}}, {"current": {"address": 2}}, {"current": {"address": 4}}]}
                """);
        assertThat(m.reads()).containsExactly(new Read(4, 0, 4), new Read(4, 4, 2), new Read(4, 8, 2));
    }

    @Test
    void registersThatAreNoLoadAreRefused() {
        int[] image = Sdm630Image.words();
        image[0x06] = 0x7fc0; // L1 current NaN
        assertThatThrownBy(() -> shipped("sdm630.json").load(List.of(image)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("phases[0]: ");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"phases\": [{\"current\": {\"address\": 0}}, {\"current\": 0}, {\"current\": 0}], \"unit\": 1}"
                        + "| unit: unknown field (expected one of function, type, wordOrder, maxRead, frequency, phases)",
                "{\"type\": \"f64\", \"phases\": [{\"current\": {\"address\": 0}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| type: expected one of f32, s16, u16, s32, u32, got \"f64\"",
                "{\"phases\": [{\"current\": {\"address\": 0, \"function\": 6}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current.function: expected a whole number 3..4, got 6",
                "{\"phases\": [{\"current\": {\"address\": 65535}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current.address: expected a whole number 0..65534, got 65535",
                "{\"phases\": [{\"current\": {\"address\": \"0x12G4\"}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current.address: expected 0x0000..0xFFFE, got \"0x12G4\"",
                "{\"phases\": [{\"current\": {\"address\": 0, \"wordOrder\": \"BADC\"}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current.wordOrder: expected one of ABCD, CDAB, got \"BADC\"",
                "{\"phases\": [{\"current\": {\"address\": 0, \"scale\": \"x\"}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current.scale: expected a number, got \"x\"",
                "{\"phases\": [{\"current\": \"$.a\"}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current: expected {\"address\": ...} or a number, got \"$.a\"",
                "{\"phases\": [{\"voltage\": {\"address\": 0}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0]: needs \"current\" or \"power\"",
                "{\"phases\": [{\"current\": {\"adress\": 0}}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| phases[0].current: expected {\"address\": ...} or a number, got {\"adress\":0}",
                "{\"maxRead\": 126, \"phases\": [{\"current\": 0}, {\"current\": 0}, {\"current\": 0}]}"
                        + "| maxRead: expected a whole number 2..125, got 126",
                "{\"phases\": [{\"current\": 0}, {\"current\": 0}]}| phases: expected an array of 3 phases",
                "[1, 2]| expected an object with \"phases\"",
                "{\"phases\": | not JSON: "
            })
    void aMapWithAMistakeIsRefusedInOneLineWithItsPlace(String json, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), json);
        assertThatThrownBy(() -> ModbusSourceMap.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(file + ": " + message.strip())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aMissingFileIsOneLine() {
        Path file = dir.resolve("none.json");
        assertThatThrownBy(() -> ModbusSourceMap.load(file)).hasMessage(file + ": no such file");
    }
}
