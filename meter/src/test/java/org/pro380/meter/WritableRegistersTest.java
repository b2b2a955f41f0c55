package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pro380.protocol.Parity;
import org.pro380.registers.Settings;
import org.pro380.registers.Tariff;

/**
 * Every writable register of spec section 5 with every class of illegal value, over Modbus:
 * function 06 and 16 answer exception 03 and change nothing; legal values are echoed and read back.
 */
class WritableRegistersTest {

    private final MeterFixture f = MeterFixture.poweredOn(Load.household());

    @ParameterizedTest(name = "0x{0} = 0x{1} -> 03")
    @CsvSource({
        "4003, 0000", // meter id 0 is broadcast
        "4003, 00f8", // 248
        "4003, 00ff",
        "4003, ffff",
        "4004, 4b00", // 19200: the meter stops at 9600
        "4004, 0000",
        "4004, 2581", // 9601
        "4004, 0096", // 150
        "4004, 04af", // 1199
        "4004, 0961", // 2401
        "4004, 2400", // 9216: 2400 written as BCD
        "4004, ffff",
        "4010, 0000", // 0 s
        "4010, 0031", // 31 s
        "4010, 001a", // not BCD
        "4010, 000a", // not BCD (10 in binary)
        "4010, 001e", // 30 in binary, not BCD
        "4010, 0100", // 100 s
        "4010, 0099",
        "4010, ffff",
        "4011, 0000",
        "4011, 0004",
        "4011, ffff",
        "4016, 0001", // only a reset
        "4016, 0005",
        "4016, ffff",
        "4021, 0000",
        "4021, 0003",
        "4021, ffff",
        "6048, 0000",
        "6048, 0004",
        "6048, ffff"
    })
    void illegalValuesAnswer03AndChangeNothing(String address, String word) {
        int a = Integer.parseInt(address, 16);
        int[] identity = f.read(0x4000, 0x22);
        int[] tariff = f.read(0x6048, 1);

        assertThat(f.ask("06 " + address.substring(0, 2) + " " + address.substring(2) + " " + word.substring(0, 2) + " "
                        + word.substring(2)))
                .isEqualTo("86 03");
        assertThat(f.ask(String.format(
                        "10 %02x %02x 00 01 02 %s %s", a >> 8, a & 0xFF, word.substring(0, 2), word.substring(2))))
                .isEqualTo("90 03");

        assertThat(f.read(0x4000, 0x22)).containsExactly(identity);
        assertThat(f.read(0x6048, 1)).containsExactly(tariff);
    }

    @ParameterizedTest(name = "meter id {0}")
    @ValueSource(ints = {1, 2, 100, 147, 148, 246, 247})
    void meterIds1To247AreAccepted(int id) {
        f.write(0x4003, id);

        assertThat(f.meter.settings().unitId()).isEqualTo(id);
        assertThat(f.ask(id, "03 40 03 00 01")).isEqualTo(String.format("03 02 00 %02x", id));
    }

    @ParameterizedTest(name = "baud {0}")
    @ValueSource(ints = {300, 600, 1200, 2400, 4800, 9600})
    void everyBaudOfTheUnion300To9600IsAccepted(int baud) {
        f.write(0x4004, baud == 9600 ? 4800 : 9600); // a change, whatever the value
        f.write(0x4004, baud);

        assertThat(f.meter.settings().baud()).isEqualTo(baud);
        assertThat(f.read(0x4004, 1)).containsExactly(baud);
    }

    @Test
    void everyLcdCycleTime1To30IsAcceptedAsBcd() {
        for (int seconds = 1; seconds <= 30; seconds++) {
            int bcd = (seconds / 10) * 16 + seconds % 10;

            f.write(0x4010, bcd);

            assertThat(f.meter.settings().lcdCycleSeconds()).isEqualTo(seconds);
            assertThat(f.read(0x4010, 1)).containsExactly(bcd);
        }
    }

    @ParameterizedTest(name = "parity {0}")
    @CsvSource({"1, EVEN", "2, NONE", "3, ODD"})
    void parities1To3AreAccepted(int code, Parity parity) {
        f.write(0x4011, code);

        assertThat(f.meter.settings().parity()).isEqualTo(parity);
        assertThat(f.read(0x4011, 1)).containsExactly(code);
    }

    @Test
    void backlightIs1OnOr2Off() {
        f.write(0x4021, 2);
        assertThat(f.meter.settings().backlight()).isFalse();
        assertThat(f.read(0x4021, 1)).containsExactly(2);

        f.write(0x4021, 1);
        assertThat(f.meter.settings().backlight()).isTrue();
        assertThat(f.read(0x4021, 1)).containsExactly(1);
    }

    @ParameterizedTest(name = "tariff {0}")
    @ValueSource(ints = {1, 2, 3})
    void tariffs1To3AreAccepted(int tariff) {
        f.write(0x6048, tariff);

        assertThat(f.meter.settings().modbusTariff()).isEqualTo(Tariff.ofNumber(tariff));
        assertThat(f.read(0x6048, 1)).containsExactly(tariff);
    }

    @Test
    void powerCounterTakesOnlyAResetToZero() {
        f.powerCycle(java.util.Optional.empty());
        f.powerCycle(java.util.Optional.empty());
        assertThat(f.read(0x4016, 1)).containsExactly(3);

        for (int nonzero : new int[] {1, 3, 4, 0x8000, 0xFFFF}) {
            assertThat(f.ask(String.format("06 40 16 %02x %02x", nonzero >> 8, nonzero & 0xFF)))
                    .isEqualTo("86 03");
            assertThat(f.read(0x4016, 1)).containsExactly(3);
        }

        f.write(0x4016, 0);
        assertThat(f.read(0x4016, 1)).containsExactly(0);
        assertThat(f.meter.reading().powerCounter()).isZero();
    }

    @Test
    void settingsWrittenOverModbusAreWhatTheMemoryKeeps() {
        f.ask("10 40 03 00 02 04 00 09 04 b0");
        f.ask(9, "10 40 10 00 02 04 00 30 00 02");
        f.ask(9, "06 40 21 00 02");
        f.ask(9, "06 60 48 00 03");
        f.advance(Duration.ofSeconds(1));

        Settings kept = f.meter.storedState().settings();

        assertThat(kept).isEqualTo(new Settings(9, 1200, Parity.NONE, 30, false, Tariff.T3));
    }

    @Test
    void everyLowWordWrittenToTheLcdCycleTime() {
        // exactly the 30 BCD codes 01..30 are echoed (WriteRulesTest covers all 65,536 words)
        int accepted = 0;
        for (int word : IntStream.rangeClosed(0, 0x3FF).toArray()) {
            String request = String.format("06 40 10 %02x %02x", word >> 8, word & 0xFF);
            String reply = f.ask(request);
            if (reply.equals(request)) {
                accepted++;
            } else {
                assertThat(reply).isEqualTo("86 03");
            }
        }
        assertThat(accepted).isEqualTo(30);
    }
}
