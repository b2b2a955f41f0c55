package org.pro380.twin.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.interop.InteropTwin.f32;
import static org.pro380.twin.interop.MbpollTcpInteropTest.assertFailed;
import static org.pro380.twin.interop.MbpollTcpInteropTest.otherLegal;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pro380.meter.Load;
import org.pro380.meter.MeterReading;
import org.pro380.meter.PhaseLoad;
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
 * mbpoll over Modbus RTU on a socat pty pair: the twin opens one end as its serial port, mbpoll
 * the other, at the meter's baud and parity (9600 8E1 from the factory).
 */
class MbpollRtuInteropTest {

    /** mbpoll 1.0 refuses baud rates below 1200 ("-b # Baudrate (1200-921600)"). */
    private static final int MBPOLL_MIN_BAUD = 1200;

    @TempDir
    Path dir;

    private Socat ptys;
    private InteropTwin twin;
    private Path client;

    @BeforeEach
    void start() throws Exception {
        ExternalTools.MBPOLL.require();
        Path twinEnd = dir.resolve("twin");
        client = dir.resolve("client");
        ptys = Socat.ptyPair(twinEnd, client);
        twin = InteropTwin.start(dir.resolve("state"), b -> b.serial(twinEnd.toString()));
    }

    @AfterEach
    void stop() {
        try {
            if (twin != null) {
                twin.close();
            }
        } finally {
            if (ptys != null) {
                ptys.close();
            }
        }
    }

    /** mbpoll at the meter's present line settings. */
    private Mbpoll mbpoll() {
        Settings s = twin.twin().meter(1).meter().settings();
        return Mbpoll.rtu(client, s.baud(), s.parity());
    }

    @Test
    void readsFloatsAndIdentity() {
        int unit = twin.unitId();
        Block block = Block.INSTANTANEOUS;
        Mbpoll.Output floats =
                mbpoll().readFloats(unit, block.first(), block.size() / 2).assertSucceeded();
        Mbpoll.Output identity = mbpoll().readHex(unit, Block.IDENTITY.first(), Block.IDENTITY.size())
                .assertSucceeded();
        MeterReading reading = twin.reading();

        for (Register<?> r : Expect.floats(block)) {
            Expect.equalsToSixDigits(floats.floatAt(r.address()), f32(reading, r), r.toString());
            InteropTwin.fromLoad(r)
                    .ifPresent(v -> Expect.equalsToSixDigits(floats.floatAt(r.address()), v, r + " from the load"));
        }
        int[] words = twin.words(Block.IDENTITY.first(), Block.IDENTITY.size());
        for (int i = 0; i < words.length; i++) {
            assertThat(identity.hexAt(Block.IDENTITY.first() + i))
                    .as("0x%04X", Block.IDENTITY.first() + i)
                    .isEqualTo(words[i]);
        }
    }

    /** Spec section 2's wire check, from a wallbox polling a real PRO380 at 9600 8E1 with 16 A on every phase. */
    @Test
    void answersTheWallboxRequestByteForByte() {
        PhaseLoad sixteenAmps = PhaseLoad.importing(230, 16, 1.0);
        twin.twin().meter(1).setLoad(new Load(50, List.of(sixteenAmps, sixteenAmps, sixteenAmps)));

        Mbpoll.Output out = mbpoll().verbose()
                .readFloats(twin.unitId(), Registers.CURRENT_L1.address(), 3)
                .assertSucceeded();

        assertThat(out.sent())
                .as("mbpoll's request\n%s", out.result().describe())
                .containsExactly("01 03 50 0c 00 06 14 cb");
        assertThat(out.received())
                .as("the twin's reply\n%s", out.result().describe())
                .containsExactly("01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae");
    }

    @Test
    void energyRisesBetweenTwoPolls() throws InterruptedException {
        Register<?> energy = Registers.ACTIVE_ENERGY;
        MeterReading before = twin.reading();
        double first = mbpoll().readFloats(twin.unitId(), energy.address(), 1)
                .assertSucceeded()
                .floatAt(energy.address());
        MeterReading between = twin.reading();
        twin.awaitRise(between, energy);
        double second = mbpoll().readFloats(twin.unitId(), energy.address(), 1)
                .assertSucceeded()
                .floatAt(energy.address());
        MeterReading after = twin.reading();

        Expect.betweenToSixDigits(first, before, between, energy);
        Expect.betweenToSixDigits(second, between, after, energy);
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void writesBacklightAndTariffAndReadsThemBack() {
        int unit = twin.unitId();
        for (Field field : new Field[] {Field.BACKLIGHT, Field.TARIFF}) {
            WritableCase c = WritableCase.of(field);
            int value = otherLegal(c, (Integer) twin.reading().value(c.register()));

            mbpoll().write(unit, c.register().address(), c.word(value)).assertWritten(1);

            assertThat(mbpoll().readHex(unit, c.register().address(), 1)
                            .assertSucceeded()
                            .hexAt(c.register().address()))
                    .as("%s read back", c)
                    .isEqualTo(c.word(value));
            assertThat(twin.reading().value(c.register()))
                    .as("%s in the meter", c)
                    .isEqualTo(value);
        }
        assertThat(twin.reading().activeTariff().number())
                .isEqualTo(twin.reading().value(WritableCase.of(Field.TARIFF).register()));
    }

    /** The reply to a write of unit id, baud or parity comes under the old settings; the next request needs the new ones. */
    @Test
    void followsTheMeterToANewUnitIdBaudAndParity() {
        Settings factory = twin.twin().meter(1).meter().settings();
        WritableCase id = WritableCase.of(Field.UNIT_ID);
        WritableCase baud = WritableCase.of(Field.BAUD_RATE);
        WritableCase parity = WritableCase.of(Field.PARITY);
        int newId = otherLegal(id, factory.unitId());
        int newBaud = baud.legalValues().stream()
                .filter(b -> b >= MBPOLL_MIN_BAUD && b != factory.baud())
                .findFirst()
                .orElseThrow();
        int newParity = otherLegal(parity, Code.PARITY.code(factory.parity()));

        Mbpoll.rtu(client, factory.baud(), factory.parity())
                .write(factory.unitId(), id.register().address(), id.word(newId))
                .assertWritten(1);
        Mbpoll.rtu(client, factory.baud(), factory.parity())
                .write(newId, baud.register().address(), baud.word(newBaud))
                .assertWritten(1);
        Mbpoll.rtu(client, newBaud, factory.parity())
                .write(newId, parity.register().address(), parity.word(newParity))
                .assertWritten(1);
        Parity nowParity = Code.PARITY.value(newParity);
        Mbpoll now = Mbpoll.rtu(client, newBaud, nowParity);
        for (WritableCase c : new WritableCase[] {id, baud, parity}) {
            int address = c.register().address();
            assertThat(now.readHex(newId, address, 1).assertSucceeded().hexAt(address))
                    .as("%s read back", c)
                    .isEqualTo(c == id ? newId : c == baud ? newBaud : newParity);
        }
        assertThat(twin.twin().meter(1).meter().settings())
                .isEqualTo(factory.withUnitId(newId).withBaud(newBaud).withParity(nowParity));

        // and back, in the reverse order
        Mbpoll.rtu(client, newBaud, nowParity)
                .write(newId, parity.register().address(), parity.word(Code.PARITY.code(factory.parity())))
                .assertWritten(1);
        Mbpoll.rtu(client, newBaud, factory.parity())
                .write(newId, baud.register().address(), baud.word(factory.baud()))
                .assertWritten(1);
        Mbpoll.rtu(client, factory.baud(), factory.parity())
                .write(newId, id.register().address(), id.word(factory.unitId()))
                .assertWritten(1);
        Mbpoll.rtu(client, factory.baud(), factory.parity())
                .readFloats(factory.unitId(), Registers.VOLTAGE_L1.address(), 1)
                .assertSucceeded();
        assertThat(twin.twin().meter(1).meter().settings()).isEqualTo(factory);
    }

    @Test
    void aReadLeavingABlockIsAnIllegalDataAddress() {
        assertFailed(mbpoll().readHex(twin.unitId(), Block.ENERGY.last(), 2), ExceptionCode.ILLEGAL_DATA_ADDRESS);
    }

    @Test
    void anIllegalLcdCycleTimeIsAnIllegalDataValue() {
        WritableCase lcd = WritableCase.of(Field.LCD_CYCLE_TIME);
        Object before = twin.reading().value(lcd.register());
        for (int illegal : lcd.illegalWords()) {
            assertFailed(
                    mbpoll().write(twin.unitId(), lcd.register().address(), illegal), ExceptionCode.ILLEGAL_DATA_VALUE);
        }
        assertThat(twin.reading().value(lcd.register())).isEqualTo(before);
    }
}
