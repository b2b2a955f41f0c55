package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.interop.InteropTwin.f32;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.MeterReading;
import org.pro380.protocol.ExceptionCode;
import org.pro380.registers.Block;
import org.pro380.registers.Meaning.Field;
import org.pro380.registers.Register;
import org.pro380.registers.Registers;

/** mbpoll, a Modbus master no one here wrote, reads and writes the twin over Modbus TCP. */
class MbpollTcpInteropTest {

    /** Byte 6 of a Modbus TCP frame: transaction id (2), protocol id (2), length (2), unit id. */
    private static final int MBAP_UNIT_ID = 6;

    @TempDir
    Path stateDir;

    private InteropTwin twin;
    private Mbpoll mbpoll;

    @BeforeEach
    void start() throws Exception {
        ExternalTools.MBPOLL.require();
        twin = InteropTwin.start(stateDir);
        mbpoll = Mbpoll.tcp(twin.tcp());
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    /** The README's command: three phase voltages, as set in the load. */
    @Test
    void theReadmeCommandShowsThePhaseVoltages() {
        Mbpoll.Output out = mbpoll.readFloats(twin.unitId(), Registers.VOLTAGE_L1.address(), 3)
                .assertSucceeded();

        for (Register<?> voltage :
                new Register<?>[] {Registers.VOLTAGE_L1, Registers.VOLTAGE_L2, Registers.VOLTAGE_L3}) {
            Expect.equalsToSixDigits(
                    out.floatAt(voltage.address()),
                    InteropTwin.fromLoad(voltage).orElseThrow(),
                    voltage.toString());
        }
    }

    @Test
    void readsTheWholeInstantaneousBlockAsBigEndianFloats() {
        Block block = Block.INSTANTANEOUS;
        assertThat(block.size() % 2).as("block of whole floats").isZero();

        Mbpoll.Output out = mbpoll.readFloats(twin.unitId(), block.first(), block.size() / 2)
                .assertSucceeded();
        MeterReading reading = twin.reading();

        assertThat(out.values()).hasSize(block.size() / 2);
        for (Register<?> r : Expect.floats(block)) {
            assertThat((r.address() - block.first()) % 2)
                    .as("%s on a float boundary", r)
                    .isZero();
            double printed = out.floatAt(r.address());
            Expect.equalsToSixDigits(printed, f32(reading, r), r + " (meter)");
            InteropTwin.fromLoad(r).ifPresent(v -> Expect.equalsToSixDigits(printed, v, r + " (from the load)"));
        }
        for (int a = block.first(); a <= block.last(); a += 2) {
            if (Registers.MAP.isReserved(a) && Registers.MAP.isReserved(a + 1)) {
                assertThat(out.floatAt(a)).as("reserved 0x%04X", a).isZero();
            }
        }
    }

    @Test
    void readsTheIdentityBlockWordForWord() {
        Block block = Block.IDENTITY;
        Mbpoll.Output out =
                mbpoll.readHex(twin.unitId(), block.first(), block.size()).assertSucceeded();
        int[] expected = twin.words(block.first(), block.size());

        for (int i = 0; i < block.size(); i++) {
            assertThat(out.hexAt(block.first() + i))
                    .as("0x%04X", block.first() + i)
                    .isEqualTo(expected[i]);
        }
        // Spec section 4's example, independent of the project's encoder: serial 22091039 is 0x2209 0x1039.
        assertThat(twin.reading().identity().serialNumber()).isEqualTo(22091039);
        assertThat(out.valueAt(Registers.SERIAL_NUMBER.address())).isEqualTo("0x2209");
        assertThat(out.valueAt(Registers.SERIAL_NUMBER.address() + 1)).isEqualTo("0x1039");
        // L3 exports: "3R" in ASCII, first character in the high byte.
        assertThat(out.hexAt(Registers.DIRECTION_L3.address())).isEqualTo(('3' << 8) | 'R');
    }

    /** Spec section 3's decision: a read sent to unit 0 is answered, with the meter's own unit id. */
    @Test
    void aReadAtUnitZeroIsAnsweredWithTheMetersOwnId() {
        Register<?> serial = Registers.SERIAL_NUMBER;
        Mbpoll.Output out =
                mbpoll.verbose().readHex(0, serial.address(), serial.words()).assertSucceeded();

        int[] expected = twin.words(serial);
        for (int i = 0; i < expected.length; i++) {
            assertThat(out.hexAt(serial.address() + i)).isEqualTo(expected[i]);
        }
        assertThat(out.sent()).as("request\n%s", out.result().describe()).hasSize(1);
        assertThat(out.sent().get(0).split(" ")[MBAP_UNIT_ID])
                .as("request to unit 0")
                .isEqualTo("00");
        assertThat(out.received()).as("reply\n%s", out.result().describe()).hasSize(1);
        assertThat(Integer.parseInt(out.received().get(0).split(" ")[MBAP_UNIT_ID], 16))
                .as("unit id of the reply")
                .isEqualTo(twin.unitId());
    }

    @Test
    void energyRegistersRiseBetweenTwoPolls() throws InterruptedException {
        Block block = Block.ENERGY;
        MeterReading before = twin.reading();
        Mbpoll.Output first = mbpoll.readFloats(twin.unitId(), block.first(), block.size() / 2)
                .assertSucceeded();
        MeterReading between = twin.reading();
        Register<?>[] rising = {
            Registers.ACTIVE_ENERGY,
            Registers.FORWARD_ACTIVE_ENERGY_L1,
            Registers.REVERSE_ACTIVE_ENERGY_L3,
            Registers.FORWARD_REACTIVE_ENERGY_L1,
            Registers.REVERSE_REACTIVE_ENERGY_L2,
            Registers.ACTIVE_ENERGY_T1
        };
        twin.awaitRise(between, rising);
        Mbpoll.Output second = mbpoll.readFloats(twin.unitId(), block.first(), block.size() / 2)
                .assertSucceeded();
        MeterReading after = twin.reading();

        for (Register<?> counter : Expect.energyCounters()) {
            Expect.betweenToSixDigits(first.floatAt(counter.address()), before, between, counter);
            Expect.betweenToSixDigits(second.floatAt(counter.address()), between, after, counter);
        }
        for (Register<?> r : rising) {
            assertThat(second.floatAt(r.address())).as("%s rises", r).isGreaterThan(first.floatAt(r.address()));
        }
        assertThat(second.floatAt(Registers.FORWARD_ACTIVE_ENERGY_L3.address()))
                .as("L3 only exports")
                .isZero();
    }

    @Test
    void writesSingleRegistersAndReadsThemBack() {
        int unit = twin.unitId();
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        WritableCase backlight = WritableCase.of(Field.BACKLIGHT);
        int lcdSeconds = 25; // the manual's example "01 06 4010 0025": BCD, so 25 s
        int backlightOff = otherLegal(backlight, (Integer) twin.reading().value(backlight.register()));

        mbpoll.write(unit, lcd.register().address(), lcd.word(lcdSeconds)).assertWritten(1);
        mbpoll.write(unit, backlight.register().address(), backlight.word(backlightOff))
                .assertWritten(1);

        assertThat(mbpoll.readHex(unit, lcd.register().address(), 1)
                        .assertSucceeded()
                        .hexAt(lcd.register().address()))
                .isEqualTo(0x0025);
        assertThat(mbpoll.readHex(unit, backlight.register().address(), 1)
                        .assertSucceeded()
                        .hexAt(backlight.register().address()))
                .isEqualTo(backlight.word(backlightOff));
        assertThat(twin.twin().meter(1).meter().settings().lcdCycleSeconds()).isEqualTo(lcdSeconds);
        assertThat(twin.reading().value(backlight.register())).isEqualTo(backlightOff);
    }

    @Test
    void writesTwoAdjacentSettingsWithOneWriteMultiple() {
        int unit = twin.unitId();
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        WritableCase parity = WritableCase.of(Field.PARITY);
        assertThat(parity.register().address())
                .as("parity follows the LCD cycle time")
                .isEqualTo(lcd.register().address() + 1);
        int seconds = 17;
        int parityCode = otherLegal(parity, (Integer) twin.reading().value(parity.register()));

        mbpoll.write(unit, lcd.register().address(), lcd.word(seconds), parity.word(parityCode))
                .assertWritten(2);

        Mbpoll.Output back = mbpoll.readHex(unit, lcd.register().address(), 2).assertSucceeded();
        assertThat(back.hexAt(lcd.register().address())).isEqualTo(0x0017);
        assertThat(back.hexAt(parity.register().address())).isEqualTo(parityCode);
        assertThat(twin.reading().value(lcd.register())).isEqualTo(seconds);
        assertThat(twin.reading().value(parity.register())).isEqualTo(parityCode);
    }

    @Test
    void aReadPastTheIdentityBlockIsAnIllegalDataAddress() {
        Mbpoll.Output past = mbpoll.readHex(twin.unitId(), Block.IDENTITY.last() + 1, 1);
        Mbpoll.Output leaving = mbpoll.readHex(twin.unitId(), Block.IDENTITY.last(), 2);

        assertFailed(past, ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertFailed(leaving, ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void anIllegalValueIsRefusedAndChangesNothing() {
        WritableCase backlight = WritableCase.of(Field.BACKLIGHT);
        Object before = twin.reading().value(backlight.register());
        int illegal = backlight.illegalWords().stream()
                .filter(w -> w > 0 && w < 0xFFFF)
                .findFirst()
                .orElseThrow();

        assertFailed(
                mbpoll.write(twin.unitId(), backlight.register().address(), illegal), ExceptionCode.ILLEGAL_DATA_VALUE);
        assertThat(twin.reading().value(backlight.register())).isEqualTo(before);
    }

    @Test
    void aWriteToAReadOnlyRegisterIsAnIllegalDataAddress() {
        Register<?> readOnly = Expect.firstReadOnly(Block.IDENTITY);
        int[] before = twin.words(readOnly);

        assertFailed(mbpoll.write(twin.unitId(), readOnly.address(), 0x1234), ExceptionCode.ILLEGAL_DATA_ADDRESS);
        assertThat(twin.words(readOnly)).isEqualTo(before);
    }

    @Test
    void readInputRegistersIsAnIllegalFunction() {
        assertFailed(
                mbpoll.readInputRegisters(twin.unitId(), Registers.VOLTAGE_L1.address(), 2),
                ExceptionCode.ILLEGAL_FUNCTION);
    }

    /** A legal value other than {@code now}. */
    static int otherLegal(WritableCase c, int now) {
        return c.legalValues().stream()
                .filter(v -> v != now)
                .findFirst()
                .orElseThrow(() -> new AssertionError(c + " has no legal value other than " + now));
    }

    static void assertFailed(Mbpoll.Output out, ExceptionCode expected) {
        assertThat(out.result().exitCode())
                .as("mbpoll exit code\n%s", out.result().describe())
                .isNotZero();
        assertThat(out.failure())
                .as("mbpoll's failure message\n%s", out.result().describe())
                .hasValueSatisfying(m -> assertThat(m).isEqualToIgnoringCase(expected.meaning()));
    }
}
