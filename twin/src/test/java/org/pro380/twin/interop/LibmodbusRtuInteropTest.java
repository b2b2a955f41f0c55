package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.interop.InteropTwin.f32;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.MeterReading;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.Parity;
import org.pro380.registers.Block;
import org.pro380.registers.Code;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;
import org.pro380.registers.Settings;
import org.pro380.testkit.Socat;

/**
 * A C client on libmodbus (src/test/resources/interop/pro380_probe.c) talks Modbus RTU to the
 * twin, on a socat pty pair to the twin's serial port and, since libmodbus has no RTU-over-TCP
 * client, through a pty that socat bridges to the twin's RTU-over-TCP port. It reads floats,
 * identity and energy, writes every writable register (following the twin to its new unit id,
 * baud and parity), and gets the exception codes.
 */
class LibmodbusRtuInteropTest {

    /**
     * How long the probe waits for a reply. At 300 baud with wire timing a write and its reply
     * take about 0.7 s on the line alone; a loaded machine adds its own delays on top.
     */
    private static final long REPLY_TIMEOUT_MILLIS = 5000;

    /**
     * How long the probe waits for the (absent) reply to a broadcast write: far longer than any
     * reply the twin gives at 9600 baud, so a wrong reply would arrive inside it (and, even
     * later, would be taken for the reply to the read that follows, which checks its value).
     */
    private static final long BROADCAST_WAIT_MILLIS = 1500;

    @TempDir
    static Path buildDir;

    private static LibmodbusProbe probe;

    @TempDir
    Path dir;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void compile() throws IOException {
        probe = LibmodbusProbe.compile(buildDir);
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    @Test
    void overRtuOnAPtyPairToTheTwinsSerialPort() throws Exception {
        Path twinEnd = dir.resolve("twin");
        Path clientEnd = dir.resolve("client");
        resources.add(Socat.ptyPair(twinEnd, clientEnd));
        InteropTwin twin = InteropTwin.start(dir.resolve("state"), b -> b.serial(twinEnd.toString()));
        resources.add(twin);

        readWriteAndFail(twin, clientEnd);
    }

    /** The same with replies delayed as a real line would delay them, down to 300 baud. */
    @Test
    void overRtuOnAPtyPairWithWireTiming() throws Exception {
        Path twinEnd = dir.resolve("twin");
        Path clientEnd = dir.resolve("client");
        resources.add(Socat.ptyPair(twinEnd, clientEnd));
        InteropTwin twin = InteropTwin.start(
                dir.resolve("state"), b -> b.serial(twinEnd.toString()).wireTiming(true));
        resources.add(twin);

        readWriteAndFail(twin, clientEnd);
    }

    @Test
    void overRtuOverTcpThroughASocatBridge() throws Exception {
        InteropTwin twin = InteropTwin.start(dir.resolve("state"));
        resources.add(twin);
        Path bridge = dir.resolve("bridge");
        resources.add(Socat.ptyToTcp(bridge, twin.rtuTcp()));

        readWriteAndFail(twin, bridge);
    }

    private void readWriteAndFail(InteropTwin twin, Path device) throws IOException {
        MeterReading before = twin.reading();
        Settings line = before.settings();
        List<WritableCase> writable = WritableCase.all();
        LibmodbusProbe.Script script = new LibmodbusProbe.Script()
                .timeout("timeout", REPLY_TIMEOUT_MILLIS)
                .connect("connect", device, line.baud(), line.parity())
                .slave("slave", line.unitId());

        List<Register<?>> constantFloats = new ArrayList<>(Expect.floats(Block.IDENTITY));
        constantFloats.addAll(Expect.floats(Block.INSTANTANEOUS));
        constantFloats.forEach(r -> script.readFloat("float:" + r.key(), r.address()));
        script.read("identity", Block.IDENTITY.first(), Block.IDENTITY.size());
        int[] identityWords = twin.words(Block.IDENTITY.first(), Block.IDENTITY.size());
        Expect.energyCounters().forEach(r -> script.readFloat("energy1:" + r.key(), r.address()));
        script.sleep("pause", 300);
        Expect.energyCounters().forEach(r -> script.readFloat("energy2:" + r.key(), r.address()));

        LineState state = new LineState(device, line.unitId(), line.baud(), line.parity());
        for (WritableCase c : writable) {
            writeCase(script, c, before, state);
        }
        exceptions(script);
        broadcastWrite(script, before, state.unit);

        LibmodbusProbe.Replies replies = probe.run(script, dir);
        MeterReading after = twin.reading();

        assertThat(replies.libmodbusVersion()).startsWith("libmodbus 3.");
        replies.assertOk("connect");
        for (Register<?> r : constantFloats) {
            double read = replies.get("float:" + r.key()).floatValue();
            assertThat(read).as("%s via modbus_get_float_abcd", r).isEqualTo(f32(before, r));
            InteropTwin.fromLoad(r).ifPresent(v -> Expect.equalsToSixDigits(read, v, r + " from the load"));
        }
        assertThat(replies.get("identity").words()).containsExactly(box(identityWords));
        for (Register<?> r : Expect.energyCounters()) {
            Expect.exactlyBetween(replies.get("energy1:" + r.key()).floatValue(), before, after, r);
            Expect.exactlyBetween(replies.get("energy2:" + r.key()).floatValue(), before, after, r);
        }
        assertThat(replies.get("energy2:" + Registers.ACTIVE_ENERGY.key()).floatValue())
                .as("energy rises")
                .isGreaterThan(
                        replies.get("energy1:" + Registers.ACTIVE_ENERGY.key()).floatValue());

        for (WritableCase c : writable) {
            assertWrites(replies, c, before, after);
        }
        assertExceptions(replies);
        assertBroadcastWrite(replies, before);
        assertThat(after.settings()).as("settings restored").isEqualTo(before.settings());
    }

    /** Where the client must talk now: the twin's unit id, baud and parity follow the writes. */
    private static final class LineState {
        final Path device;
        int unit;
        int baud;
        Parity parity;

        LineState(Path device, int unit, int baud, Parity parity) {
            this.device = device;
            this.unit = unit;
            this.baud = baud;
            this.parity = parity;
        }

        /** After a write of {@code value} to {@code c} was answered: follow the meter to its new settings. */
        void follow(LibmodbusProbe.Script script, String label, WritableCase c, int value) {
            if (c.setsUnitId()) {
                unit = value;
                script.slave(label, unit);
            } else if (c.setsBaud()) {
                baud = value;
                script.connect(label, device, baud, parity);
            } else if (c.setsParity()) {
                parity = Code.PARITY.value(value);
                script.connect(label, device, baud, parity);
            }
        }
    }

    private static void writeCase(LibmodbusProbe.Script script, WritableCase c, MeterReading before, LineState state) {
        String key = c.register().key();
        int address = c.register().address();
        for (int v : c.legalValues()) {
            script.write("write:" + key + ":" + v, address, c.word(v));
            state.follow(script, "follow:" + key + ":" + v, c, v);
            script.read("readback:" + key + ":" + v, address, 1);
        }
        for (int w : c.illegalWords()) {
            script.write("illegal:" + key + ":" + w, address, w);
            script.read("unchanged:" + key + ":" + w, address, 1);
        }
        Optional<Integer> restore = c.restoreValue(before.value(c.register()));
        if (restore.isPresent()) {
            script.write("restore:" + key, address, c.word(restore.get()));
            state.follow(script, "follow-restore:" + key, c, restore.get());
            script.read("restored:" + key, address, 1);
        }
    }

    private static void assertWrites(
            LibmodbusProbe.Replies replies, WritableCase c, MeterReading before, MeterReading after) {
        String key = c.register().key();
        int last = c.word((Integer) before.value(c.register()));
        for (int v : c.legalValues()) {
            replies.assertOk("write:" + key + ":" + v);
            if (c.setsUnitId() || c.setsBaud() || c.setsParity()) {
                replies.assertOk("follow:" + key + ":" + v);
            }
            assertThat(replies.get("readback:" + key + ":" + v).word())
                    .as("%s read back", c)
                    .isEqualTo(c.word(v));
            last = c.word(v);
        }
        for (int w : c.illegalWords()) {
            replies.assertException("illegal:" + key + ":" + w, ExceptionCode.ILLEGAL_DATA_VALUE);
            assertThat(replies.get("illegal:" + key + ":" + w).errnoName()).isEqualTo("EMBXILVAL");
            assertThat(replies.get("unchanged:" + key + ":" + w).word())
                    .as("%s after illegal 0x%04X", c, w)
                    .isEqualTo(last);
        }
        Optional<Integer> restore = c.restoreValue(before.value(c.register()));
        if (restore.isPresent()) {
            replies.assertOk("restore:" + key);
            assertThat(replies.get("restored:" + key).word()).isEqualTo(c.word(restore.get()));
            assertThat(after.value(c.register())).isEqualTo(restore.get());
        } else {
            assertThat(after.value(c.register()))
                    .isEqualTo(c.legalValues().get(c.legalValues().size() - 1));
        }
    }

    private static void exceptions(LibmodbusProbe.Script script) {
        script.read("past-identity", Block.IDENTITY.last() + 1, 1);
        script.read("leaving-instantaneous", Block.INSTANTANEOUS.last(), 2);
        script.readInput("input-registers", Registers.VOLTAGE_L1.address(), 2);
        Register<?> readOnly = Expect.firstReadOnly(Block.ENERGY);
        script.write("write-read-only", readOnly.address(), 0);
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        WritableCase parity = WritableCase.of(Field.PARITY);
        script.writeMultiple(
                "write-multiple-illegal",
                lcd.register().address(),
                lcd.word(lcd.legalValues().get(0)),
                parity.illegalWords().get(0));
        script.read("after-write-multiple-illegal", lcd.register().address(), 2);
    }

    private static void assertExceptions(LibmodbusProbe.Replies replies) {
        replies.assertException("past-identity", ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(replies.get("past-identity").errnoName()).isEqualTo("EMBXILADD");
        replies.assertException("leaving-instantaneous", ExceptionCode.ILLEGAL_DATA_ADDRESS);
        replies.assertException("input-registers", ExceptionCode.ILLEGAL_FUNCTION);
        assertThat(replies.get("input-registers").errnoName()).isEqualTo("EMBXILFUN");
        replies.assertException("write-read-only", ExceptionCode.ILLEGAL_DATA_ADDRESS);
        replies.assertException("write-multiple-illegal", ExceptionCode.ILLEGAL_DATA_VALUE);
        List<Integer> unchanged = replies.get("after-write-multiple-illegal").words();
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        assertThat(unchanged.get(0))
                .as("all or nothing: the legal half of the write is not applied")
                .isEqualTo(replies.get("restored:" + lcd.register().key()).word());
    }

    /** Spec section 3: a write to unit 0 is executed and never answered. */
    private static void broadcastWrite(LibmodbusProbe.Script script, MeterReading before, int unit) {
        WritableCase backlight = WritableCase.of(Field.BACKLIGHT);
        int original = (Integer) before.value(backlight.register());
        script.timeout("broadcast-timeout", BROADCAST_WAIT_MILLIS)
                .slave("broadcast-slave", 0)
                .write(
                        "broadcast-write",
                        backlight.register().address(),
                        backlight.word(otherLegal(backlight, original)))
                .slave("broadcast-back", unit)
                .timeout("broadcast-timeout-back", REPLY_TIMEOUT_MILLIS)
                .read("broadcast-readback", backlight.register().address(), 1)
                .write("broadcast-restore", backlight.register().address(), backlight.word(original));
    }

    private static void assertBroadcastWrite(LibmodbusProbe.Replies replies, MeterReading before) {
        WritableCase backlight = WritableCase.of(Field.BACKLIGHT);
        int original = (Integer) before.value(backlight.register());
        // libmodbus 3.1.6 waits for a reply even to a broadcast: its timeout is the proof of silence
        assertThat(replies.get("broadcast-write").errnoName())
                .as("no reply to a broadcast write")
                .isEqualTo("ETIMEDOUT");
        assertThat(replies.get("broadcast-readback").word())
                .as("the broadcast write was executed")
                .isEqualTo(backlight.word(otherLegal(backlight, original)));
        replies.assertOk("broadcast-restore");
    }

    private static int otherLegal(WritableCase c, int now) {
        return MbpollTcpInteropTest.otherLegal(c, now);
    }

    private static Integer[] box(int[] words) {
        return java.util.Arrays.stream(words).boxed().toArray(Integer[]::new);
    }
}
