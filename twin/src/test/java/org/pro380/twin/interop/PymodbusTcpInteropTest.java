package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.interop.InteropTwin.f32;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.MeterReading;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Block;
import org.pro380.registers.DataType;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.testkit.ChildProcess;

/**
 * pymodbus (Debian's python3-pymodbus, run by /usr/bin/python3) over Modbus TCP: reads the three
 * blocks and decodes the floats itself, writes every writable register with legal and illegal
 * values, and sends requests that must fail. The script (src/test/resources/interop/pymodbus_probe.py)
 * gets its addresses and values from a plan this test writes from the register map, and reports
 * what the twin answered; this test judges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PymodbusTcpInteropTest {

    /** Python's json writes NaN for a float that is not a number; a broken float must fail an assertion, not the parser. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);

    /** Static: JUnit injects an instance field only after the @BeforeAll method has run. */
    @TempDir
    static Path dir;

    private InteropTwin twin;
    private List<WritableCase> writable;
    private MeterReading before;
    private MeterReading after;
    private final Map<Block, int[]> wordsBefore = new LinkedHashMap<>();
    private final Map<String, Expected> expected = new LinkedHashMap<>();
    private JsonNode out;
    private String context;

    /**
     * What a request of the plan must get: an exception, or a normal reply (for a read, with
     * these registers if given), and what a read of the same registers gives afterwards.
     */
    private record Expected(Optional<ExceptionCode> exception, Optional<int[]> registers, Optional<int[]> readBack) {
        static Expected fails(ExceptionCode code) {
            return new Expected(Optional.of(code), Optional.empty(), Optional.empty());
        }

        static Expected succeeds() {
            return new Expected(Optional.empty(), Optional.empty(), Optional.empty());
        }

        static Expected reads(int... words) {
            return new Expected(Optional.empty(), Optional.of(words), Optional.empty());
        }

        Expected readingBack(int... words) {
            return new Expected(exception, registers, Optional.of(words));
        }
    }

    /** One twin, one run of the script; the tests below each judge a part of its report. */
    @BeforeAll
    void runTheProbe() throws Exception {
        Path python = ExternalTools.requirePymodbus();
        twin = InteropTwin.start(dir.resolve("state"));
        writable = WritableCase.all();
        before = twin.reading();
        for (Block b : List.of(Block.IDENTITY, Block.INSTANTANEOUS)) {
            wordsBefore.put(b, twin.words(b.first(), b.size()));
        }
        Path planFile = dir.resolve("plan.json");
        JSON.writeValue(planFile.toFile(), plan(writable, before, expected));

        ChildProcess.Result run = ChildProcess.run(
                List.of(
                        python.toString(),
                        Resources.copy("pymodbus_probe.py", dir).toString(),
                        planFile.toString()),
                SCRIPT_TIMEOUT);
        after = twin.reading();

        context = run.describe();
        assertThat(run.exitCode()).as("pymodbus probe\n%s", context).isZero();
        out = JSON.readTree(run.stdout());
        assertThat(out.has("aborted"))
                .as("the probe gave up: %s\n%s", out.path("aborted").asText(), context)
                .isFalse();
    }

    @AfterAll
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    @Test
    void readsTheBlocksAndDecodesBigEndianFloats() {
        assertBlocksAndFloats(out, before, after, wordsBefore, context);
    }

    @Test
    void energyRisesBetweenTwoReads() {
        String key = Registers.ACTIVE_ENERGY.key();
        assertThat(out.get("second").get("floats").get(key).asDouble())
                .as("total active energy rises")
                .isGreaterThan(out.get("first").get("floats").get(key).asDouble());
    }

    @Test
    void writesEveryWritableRegisterAndRefusesIllegalValues() {
        assertWrites(out.get("writes"), writable, before, after, context);
    }

    @Test
    void requestsThatMustFailGetTheirExceptionCodes() {
        assertRequests(out.get("requests"), expected, context);
    }

    @Test
    void endsAtTheOriginalUnitId() {
        assertThat(out.get("finalUnit").asInt())
                .as("unit id restored\n%s", context)
                .isEqualTo(before.settings().unitId());
        assertThat(twin.unitId()).isEqualTo(before.settings().unitId());
        assertThat(after.settings()).as("settings restored").isEqualTo(before.settings());
    }

    private void assertBlocksAndFloats(
            JsonNode out, MeterReading before, MeterReading after, Map<Block, int[]> wordsBefore, String context) {
        for (String pass : List.of("first", "second")) {
            JsonNode read = out.get(pass);
            assertThat(read.get("errors").size())
                    .as("%s pass: block read errors %s\n%s", pass, read.get("errors"), context)
                    .isZero();
            for (Map.Entry<Block, int[]> e : wordsBefore.entrySet()) {
                assertThat(words(read.get("words").get(e.getKey().name())))
                        .as("%s pass: %s block", pass, e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertThat(read.get("words").get(Block.ENERGY.name()).size()).isEqualTo(Block.ENERGY.size());
            JsonNode floats = read.get("floats");
            for (Register<?> r : Expect.floats(Block.IDENTITY)) {
                assertThat(floats.get(r.key()).asDouble())
                        .as("%s decoded by pymodbus", r)
                        .isEqualTo(f32(before, r));
            }
            for (Register<?> r : Expect.floats(Block.INSTANTANEOUS)) {
                double decoded = floats.get(r.key()).asDouble();
                assertThat(decoded).as("%s decoded by pymodbus", r).isEqualTo(f32(before, r));
                InteropTwin.fromLoad(r).ifPresent(v -> Expect.equalsToSixDigits(decoded, v, r + " from the load"));
            }
            for (Register<?> counter : Expect.energyCounters()) {
                Expect.exactlyBetween(floats.get(counter.key()).asDouble(), before, after, counter);
            }
        }
    }

    private void assertWrites(
            JsonNode writes, List<WritableCase> cases, MeterReading before, MeterReading after, String context) {
        assertThat(writes.size()).as("registers written\n%s", context).isEqualTo(cases.size());
        int unit = before.settings().unitId();
        for (int i = 0; i < cases.size(); i++) {
            WritableCase c = cases.get(i);
            JsonNode w = writes.get(i);
            String as = c + "\n" + w.toPrettyString();
            assertThat(w.get("key").asText()).isEqualTo(c.register().key());
            int original = c.word((Integer) before.value(c.register()));
            assertThat(w.get("original").asInt()).as(as).isEqualTo(original);

            int last = original;
            for (int j = 0; j < c.legalValues().size(); j++) {
                JsonNode legal = w.get("legal").get(j);
                int word = c.word(c.legalValues().get(j));
                assertThat(legal.get("word").asInt()).as(as).isEqualTo(word);
                assertThat(legal.get("exception").isNull())
                        .as("legal write %s: no exception\n%s", word, as)
                        .isTrue();
                assertThat(legal.get("error").isNull())
                        .as("legal write %s: no error\n%s", word, as)
                        .isTrue();
                if (c.setsUnitId()) {
                    unit = c.legalValues().get(j);
                }
                assertThat(legal.get("unit").asInt()).as(as).isEqualTo(unit);
                assertThat(legal.get("readBack").asInt())
                        .as("read back after writing 0x%04X\n%s", word, as)
                        .isEqualTo(word);
                last = word;
            }
            for (int j = 0; j < c.illegalWords().size(); j++) {
                JsonNode illegal = w.get("illegal").get(j);
                assertThat(illegal.get("word").asInt())
                        .isEqualTo(c.illegalWords().get(j));
                assertThat(illegal.get("exception").asInt())
                        .as("illegal 0x%04X: exception 03\n%s", c.illegalWords().get(j), as)
                        .isEqualTo(ExceptionCode.ILLEGAL_DATA_VALUE.code());
                assertThat(illegal.get("readBack").asInt())
                        .as("illegal write changes nothing\n%s", as)
                        .isEqualTo(last);
            }
            Optional<Integer> restore = c.restoreValue(before.value(c.register()));
            if (restore.isPresent()) {
                JsonNode restored = w.get("restored");
                assertThat(restored.get("exception").isNull()
                                && restored.get("error").isNull())
                        .as(as)
                        .isTrue();
                assertThat(restored.get("readBack").asInt()).as(as).isEqualTo(c.word(restore.get()));
                if (c.setsUnitId()) {
                    unit = restore.get();
                }
                assertThat(after.value(c.register()))
                        .as("%s restored in the meter", c)
                        .isEqualTo(restore.get());
            } else {
                assertThat(after.value(c.register()))
                        .as("%s in the meter", c)
                        .isEqualTo(c.legalValues().get(c.legalValues().size() - 1));
            }
        }
    }

    private void assertRequests(JsonNode requests, Map<String, Expected> expected, String context) {
        assertThat(requests.size()).as("requests\n%s", context).isEqualTo(expected.size());
        int i = 0;
        for (Map.Entry<String, Expected> e : expected.entrySet()) {
            JsonNode r = requests.get(i++);
            String as = e.getKey() + "\n" + r.toPrettyString();
            assertThat(r.get("name").asText()).isEqualTo(e.getKey());
            assertThat(r.get("error").isNull()).as("no transport error: %s", as).isTrue();
            if (e.getValue().exception().isPresent()) {
                assertThat(r.get("exception").asInt())
                        .as(as)
                        .isEqualTo(e.getValue().exception().get().code());
            } else {
                assertThat(r.get("exception").isNull()).as(as).isTrue();
            }
            e.getValue()
                    .registers()
                    .ifPresent(words ->
                            assertThat(words(r.get("registers"))).as(as).isEqualTo(words));
            e.getValue()
                    .readBack()
                    .ifPresent(
                            words -> assertThat(words(r.get("readBack"))).as(as).isEqualTo(words));
        }
    }

    /** The script's instructions, all derived from the register map; {@code expected} gets each request's outcome. */
    private ObjectNode plan(List<WritableCase> writable, MeterReading now, Map<String, Expected> expected) {
        ObjectNode plan = JSON.createObjectNode();
        plan.put("host", twin.tcp().getAddress().getHostAddress());
        plan.put("port", twin.tcp().getPort());
        plan.put("unit", now.settings().unitId());
        plan.put("pauseSeconds", 0.3);
        ArrayNode blocks = plan.putArray("blocks");
        for (Block b : Block.values()) {
            blocks.addObject().put("name", b.name()).put("first", b.first()).put("size", b.size());
        }
        ArrayNode floats = plan.putArray("floats");
        for (Register<?> r : Registers.MAP.all()) {
            if (r.type() == DataType.F32) {
                floats.addObject()
                        .put("key", r.key())
                        .put("address", r.address())
                        .put("block", r.block().name())
                        .put("blockFirst", r.block().first());
            }
        }
        ArrayNode cases = plan.putArray("writable");
        for (WritableCase c : writable) {
            ObjectNode o = cases.addObject()
                    .put("key", c.register().key())
                    .put("address", c.register().address())
                    .put("setsUnitId", c.setsUnitId());
            c.legalValues().forEach(v -> o.withArray("legalWords").add(c.word(v)));
            c.illegalWords().forEach(w -> o.withArray("illegalWords").add(w));
            c.restoreValue(now.value(c.register())).ifPresent(v -> o.put("restoreWord", c.word(v)));
        }
        ArrayNode requests = plan.putArray("requests");
        for (Block b : Block.values()) {
            read(
                    requests,
                    expected,
                    "read past " + b,
                    b.last() + 1,
                    1,
                    Expected.fails(ExceptionCode.ILLEGAL_DATA_ADDRESS));
            read(
                    requests,
                    expected,
                    "read leaving " + b,
                    b.last(),
                    2,
                    Expected.fails(ExceptionCode.ILLEGAL_DATA_ADDRESS));
            read(
                    requests,
                    expected,
                    "read all of " + b,
                    b.first(),
                    b.size(),
                    // only the instantaneous block stays put: the writes before change identity words, energy rises
                    b == Block.INSTANTANEOUS ? Expected.reads(twin.words(b.first(), b.size())) : Expected.succeeds());
            write(
                    requests,
                    expected,
                    "write read-only " + Expect.firstReadOnly(b),
                    Expect.firstReadOnly(b).address(),
                    0,
                    Expected.fails(ExceptionCode.ILLEGAL_DATA_ADDRESS));
            int reserved = Expect.firstReserved(b);
            write(
                    requests,
                    expected,
                    "write reserved " + InteropTwin.hex(reserved),
                    reserved,
                    0,
                    Expected.fails(ExceptionCode.ILLEGAL_DATA_ADDRESS));
        }
        read(
                requests,
                expected,
                "read 0 registers",
                Block.IDENTITY.first(),
                0,
                Expected.fails(ExceptionCode.ILLEGAL_DATA_VALUE));
        read(
                requests,
                expected,
                "read 126 registers",
                Block.ENERGY.first(),
                126,
                Expected.fails(ExceptionCode.ILLEGAL_DATA_VALUE));
        Register<?> voltage = Registers.VOLTAGE_L1;
        read(
                requests,
                expected,
                "read from the middle of a float",
                voltage.address() + 1,
                2,
                Expected.reads(twin.words(voltage.address() + 1, 2)));
        for (int fc : new int[] {1, 4}) {
            String name = "FC " + fc;
            requests.addObject()
                    .put("name", name)
                    .put("fc", fc)
                    .put("address", voltage.address())
                    .put("count", 2);
            expected.put(name, Expected.fails(ExceptionCode.ILLEGAL_FUNCTION));
        }
        requests.addObject()
                .put("name", "FC 5")
                .put("fc", 5)
                .put("address", voltage.address())
                .put("value", 1);
        expected.put("FC 5", Expected.fails(ExceptionCode.ILLEGAL_FUNCTION));

        writeMultiple(requests, expected, now);
        return plan;
    }

    /** FC 16 on two adjacent writable registers: legal, then with one illegal value (all or nothing), then into a read-only one. */
    private void writeMultiple(ArrayNode requests, Map<String, Expected> expected, MeterReading now) {
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        WritableCase parity = WritableCase.of(Field.PARITY);
        assertThat(parity.register().address()).isEqualTo(lcd.register().address() + 1);
        int address = lcd.register().address();
        int[] legal = {
            lcd.word(lcd.legalValues().get(0)), parity.word(parity.legalValues().get(1))
        };
        int[] oneIllegal = {
            lcd.word(lcd.legalValues().get(1)), parity.illegalWords().get(0)
        };
        int[] original = {
            lcd.word((Integer) now.value(lcd.register())), parity.word((Integer) now.value(parity.register()))
        };
        writeMultiple(
                requests,
                expected,
                "FC 16 legal pair",
                address,
                legal,
                Expected.succeeds().readingBack(legal));
        writeMultiple(
                requests,
                expected,
                "FC 16 with an illegal value",
                address,
                oneIllegal,
                Expected.fails(ExceptionCode.ILLEGAL_DATA_VALUE).readingBack(legal));
        writeMultiple(
                requests,
                expected,
                "FC 16 restore",
                address,
                original,
                Expected.succeeds().readingBack(original));

        WritableCase beforeReadOnly = WritableCase.all().stream()
                .filter(c -> Registers.MAP
                        .covering(c.register().address() + 1)
                        .filter(r -> !r.writable())
                        .isPresent())
                .findFirst()
                .orElseThrow();
        int at = beforeReadOnly.register().address();
        int[] wordsNow = twin.words(at, 2);
        writeMultiple(
                requests,
                expected,
                "FC 16 into a read-only register",
                at,
                new int[] {beforeReadOnly.word(beforeReadOnly.legalValues().get(0)), 0},
                Expected.fails(ExceptionCode.ILLEGAL_DATA_ADDRESS).readingBack(wordsNow));
    }

    private static void read(
            ArrayNode requests, Map<String, Expected> expected, String name, int address, int count, Expected outcome) {
        requests.addObject()
                .put("name", name)
                .put("fc", 3)
                .put("address", address)
                .put("count", count);
        expected.put(name, outcome);
    }

    private static void write(
            ArrayNode requests, Map<String, Expected> expected, String name, int address, int value, Expected outcome) {
        requests.addObject()
                .put("name", name)
                .put("fc", 6)
                .put("address", address)
                .put("value", value);
        expected.put(name, outcome);
    }

    private static void writeMultiple(
            ArrayNode requests,
            Map<String, Expected> expected,
            String name,
            int address,
            int[] values,
            Expected outcome) {
        ObjectNode o = requests.addObject()
                .put("name", name)
                .put("fc", 16)
                .put("address", address)
                .put("readBackCount", values.length);
        for (int v : values) {
            o.withArray("values").add(v);
        }
        expected.put(name, outcome);
    }

    private static int[] words(JsonNode array) {
        assertThat(array).as("a list of words").isNotNull();
        int[] words = new int[array.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = array.get(i).asInt();
        }
        return words;
    }
}
