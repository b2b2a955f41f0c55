package org.pro380.meter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.meter.MeterFixture.hex;
import static org.pro380.meter.MeterFixture.uniform;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.protocol.RtuCodec;

/**
 * Requests as raw PDUs through {@link MeterServer}, answers compared byte for byte (spec sections
 * 2, 3 and 5). Every expected word is written out here, not computed by the code under test.
 */
class MeterServerTest {

    private final MeterFixture f = MeterFixture.poweredOn(uniform(230, 16, 1.0));

    // ---- reads

    @Test
    void theWallboxWireCheckOfSectionTwo() {
        byte[] request = Hex.parse("01 03 50 0c 00 06 14 cb");
        assertThat(RtuCodec.encode(1, Hex.parse("03 50 0c 00 06"))).isEqualTo(request);

        byte[] reply = f.server.answer(Hex.parse("03 50 0c 00 06"));

        assertThat(Hex.format(RtuCodec.encode(1, reply)))
                .isEqualTo("01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae");
    }

    @Test
    void wholeIdentityBlock() {
        MeterFixture household = MeterFixture.poweredOn(Load.household());

        assertThat(household.ask("03 40 00 00 22"))
                .isEqualTo("03 44 "
                        + hex(
                                0x2209, 0x1039, // 4000 serial number 22091039
                                0x0102, // 4002 meter code
                                0x0001, // 4003 meter id 1
                                0x2580, // 4004 baud 9600
                                0x404C, 0xCCCD, // 4005 protocol version 3.2
                                0x400B, 0x851F, // 4007 software version 2.18
                                0x3FA8, 0xF5C3, // 4009 hardware version 1.32
                                0x002D, // 400B meter amps 45
                                0x0000, 0x0000, 0x0000, 0x0000, // 400C-400F reserved
                                0x0010, // 4010 LCD cycle 10 s as BCD
                                0x0001, // 4011 parity even
                                0x3146, 0x3246, 0x3346, // 4012-4014 "1F" "2F" "3F"
                                0x0000, // 4015 error code: none
                                0x0001, // 4016 one power-on
                                0x0001, // 4017 quadrant total
                                0x0001, 0x0001, 0x0001, // 4018-401A quadrants L1-L3
                                0x0607, 0xE329, // 401B checksum
                                0x0011, 0x0111, // 401D status word of the real meter
                                0x0000, 0x0000, // 401F-4020 reserved
                                0x0001)); // 4021 backlight on
    }

    @Test
    void wholeInstantaneousBlock() {
        assertThat(f.ask("03 50 00 00 32"))
                .isEqualTo("03 64 "
                        + hex(
                                0x0000, 0x0000, // 5000 reserved
                                0x4366, 0x0000, 0x4366, 0x0000, 0x4366, 0x0000, // 5002-5007 230 V
                                0x4248, 0x0000, // 5008 50 Hz
                                0x0000, 0x0000, // 500A reserved
                                0x4180, 0x0000, 0x4180, 0x0000, 0x4180, 0x0000, // 500C-5011 16 A
                                0x4130, 0xA3D7, // 5012 11.04 kW
                                0x406B, 0x851F, 0x406B, 0x851F, 0x406B, 0x851F, // 5014-5019 3.68 kW
                                0, 0, 0, 0, 0, 0, 0, 0, // 501A-5021 0 kvar
                                0x4130, 0xA3D7, // 5022 11.04 kVA
                                0x406B, 0x851F, 0x406B, 0x851F, 0x406B, 0x851F, // 5024-5029 3.68 kVA
                                0x3F80, 0x0000, // 502A PF 1
                                0x3F80, 0x0000, 0x3F80, 0x0000, 0x3F80, 0x0000)); // 502C-5031 PF 1
    }

    @Test
    void wholeEnergyBlockAfterOneHourInT1() {
        f.advance(Duration.ofHours(1));

        assertThat(f.ask("03 60 00 00 58"))
                .isEqualTo("03 b0 "
                        + hex(
                                0x4130, 0xA3D7, 0x4130, 0xA3D7, 0, 0, // 6000 total all 11.04, T1 11.04, T2 0
                                0x406B, 0x851F, 0x406B, 0x851F, 0x406B, 0x851F, // 6006 total L1-L3 3.68
                                0x4130, 0xA3D7, 0x4130, 0xA3D7, 0, 0, // 600C forward all, T1, T2
                                0x406B, 0x851F, 0x406B, 0x851F, 0x406B, 0x851F, // 6012 forward L1-L3
                                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 6018 reverse
                                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 6024 reactive total
                                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 6030 reactive forward
                                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 603C reactive reverse
                                0x0001, 0, 0, 0, // 6048 tariff 1, 6049-604B reserved
                                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)); // 604C-6057 T3
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "03 40 01 00 02, 03 04 10 39 01 02", // second half of the serial number, then the meter code
        "03 40 06 00 01, 03 02 cc cd", // low word of protocol version 3.2
        "03 40 06 00 02, 03 04 cc cd 40 0b", // low word of 3.2, high word of 2.18
        "03 40 1c 00 02, 03 04 e3 29 00 11", // low word of the checksum, high word of the status word
        "03 50 0c 00 01, 03 02 41 80", // a read ending in the middle of an f32
        "03 50 13 00 02, 03 04 a3 d7 40 6b"
    }) // low word of total P, high word of P L1
    void aReadMayStartOrEndInTheMiddleOfAValue(String request, String reply) {
        assertThat(f.ask(request)).isEqualTo(reply);
    }

    @ParameterizedTest(name = "reserved {0}")
    @CsvSource({
        "03 50 00 00 02, 03 04 00 00 00 00",
        "03 50 0a 00 02, 03 04 00 00 00 00",
        "03 40 15 00 01, 03 02 00 00",
        "03 40 0d 00 03, 03 06 00 00 00 00 00 00",
        "03 40 1f 00 02, 03 04 00 00 00 00",
        "03 60 49 00 03, 03 06 00 00 00 00 00 00",
        "03 60 4a 00 01, 03 02 00 00"
    })
    void reservedAddressesReadZero(String request, String reply) {
        f.advance(Duration.ofHours(3)); // energy everywhere around them

        assertThat(f.ask(request)).isEqualTo(reply);
    }

    @Test
    void theLastWordOfEachBlockCanBeRead() {
        assertThat(f.ask("03 40 21 00 01")).isEqualTo("03 02 00 01");
        assertThat(f.ask("03 50 31 00 01")).isEqualTo("03 02 00 00");
        assertThat(f.ask("03 60 57 00 01")).isEqualTo("03 02 00 00");
    }

    // ---- exceptions of section 3

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "03 40 00 00 00, 83 03", // quantity 0
        "03 40 00 00 7e, 83 03", // quantity 126
        "03 40 00 ff ff, 83 03",
        "03 00 00 00 00, 83 03", // quantity before address: 0 outside every block
        "03 00 00 00 7e, 83 03", // 126 outside every block
        "03 ff ff 00 7e, 83 03",
        "03 40 00 00 7d, 83 02", // 125 from 0x4000 leave the identity block
        "03 40 00 00 23, 83 02", // one past the identity block
        "03 40 20 00 03, 83 02",
        "03 40 21 00 02, 83 02",
        "03 40 22 00 01, 83 02", // just after the block
        "03 3f ff 00 01, 83 02", // just before the block
        "03 3f ff 00 02, 83 02", // from outside into the block
        "03 40 4a 00 01, 83 02",
        "03 4f ff 00 02, 83 02",
        "03 50 30 00 03, 83 02",
        "03 50 31 00 02, 83 02",
        "03 50 32 00 01, 83 02",
        "03 5f ff 00 02, 83 02",
        "03 60 56 00 03, 83 02",
        "03 60 58 00 01, 83 02",
        "03 00 00 00 01, 83 02",
        "03 ff ff 00 01, 83 02",
        "03 ff ff 00 7d, 83 02", // quantity fine, address + quantity past 0xffff
        "03 40 00 00 01 00, 83 03"
    }) // a read PDU of the wrong length
    void illegalReads(String request, String reply) {
        assertThat(f.ask(request)).isEqualTo(reply);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "01 00 00 00 01, 81 01",
        "02 00 00 00 01, 82 01",
        "04 50 0c 00 06, 84 01", // input registers: the meter has holding registers only
        "05 00 00 ff 00, 85 01",
        "0f 00 00 00 01 01 01, 8f 01",
        "11, 91 01",
        "17 40 00 00 01 40 03 00 01 02 00 01, 97 01",
        "2b 0e 01 00, ab 01",
        "7f, ff 01"
    })
    void unknownFunctionCodes(String request, String reply) {
        assertThat(f.ask(request)).isEqualTo(reply);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "06 40 00 00 01, 86 02", // serial number
        "06 40 00 ff ff, 86 02", // read-only wins over an illegal value
        "06 40 01 00 01, 86 02", // inside the serial number
        "06 40 02 01 02, 86 02", // meter code
        "06 40 05 00 00, 86 02",
        "06 40 0b 00 2d, 86 02", // meter amps
        "06 40 0d 00 00, 86 02", // reserved
        "06 40 12 31 52, 86 02", // direction
        "06 40 15 00 00, 86 02", // reserved
        "06 40 17 00 02, 86 02", // quadrant
        "06 40 1b 00 00, 86 02", // checksum
        "06 40 1d 00 00, 86 02", // status word
        "06 40 1f 00 00, 86 02", // reserved
        "06 40 22 00 01, 86 02", // outside the block
        "06 50 00 00 00, 86 02",
        "06 50 0c 41 80, 86 02", // current
        "06 60 00 00 00, 86 02", // energy cannot be set
        "06 60 49 00 01, 86 02", // reserved after the tariff
        "06 00 00 00 01, 86 02",
        "10 40 05 00 01 02 00 00, 90 02",
        "10 60 00 00 02 04 00 00 00 00, 90 02",
        "06 40 03 00 00, 86 03", // writable register, illegal value
        "06 40 03 00, 86 03", // a write PDU of the wrong length
        "10 40 03 00 00 00, 90 03", // quantity 0
        "10 40 03 00 01 04 00 05 00 00, 90 03"
    }) // byte count does not match the quantity
    void illegalWrites(String request, String reply) {
        int[] before = f.read(0x4000, 0x22);

        assertThat(f.ask(request)).isEqualTo(reply);
        assertThat(f.read(0x4000, 0x22)).as("an exception changes nothing").containsExactly(before);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10 40 10 00 02 04 00 25 00 04, 90 03", // LCD fine, parity 4 illegal
        "10 40 10 00 02 04 00 1a 00 02, 90 03", // LCD not BCD, parity fine
        "10 40 03 00 02 04 00 05 25 81, 90 03", // id fine, baud 9601 illegal
        "10 40 03 00 03 06 00 05 12 c0 00 00, 90 02", // id and baud fine, 0x4005 read-only
        "10 40 11 00 02 04 00 02 31 52, 90 02", // parity fine, 0x4012 read-only
        "10 40 11 00 02 04 00 04 31 52, 90 02", // parity illegal, but the address is checked first
        "10 40 15 00 02 04 00 00 00 00, 90 02", // reserved, then power counter reset
        "10 40 20 00 02 04 00 00 00 02, 90 02"
    }) // reserved, then backlight off
    void writeMultipleIsAllOrNothing(String request, String reply) {
        f.advance(Duration.ofMinutes(1));
        int[] before = f.read(0x4000, 0x22);

        assertThat(f.ask(request)).isEqualTo(reply);
        assertThat(f.read(0x4000, 0x22)).as("nothing changed").containsExactly(before);
    }

    @Test
    void writeMultipleOfLegalValuesWritesThemAll() {
        assertThat(f.ask("10 40 10 00 02 04 00 25 00 03")).isEqualTo("10 40 10 00 02");

        assertThat(f.ask("03 40 10 00 02")).isEqualTo("03 04 00 25 00 03");
        assertThat(f.meter.settings().lcdCycleSeconds()).isEqualTo(25);
        assertThat(f.meter.settings().parity()).isEqualTo(Parity.ODD);
    }

    @Test
    void theManualsExampleSetsTheLcdCycleTo25Seconds() {
        assertThat(f.ask("06 40 10 00 25")).isEqualTo("06 40 10 00 25");

        assertThat(f.meter.settings().lcdCycleSeconds()).isEqualTo(25);
    }

    @ParameterizedTest
    @EnumSource(Parity.class)
    void aNewParityIsEchoedAndThenInTheSettings(Parity parity) {
        int code = switch (parity) {
            case EVEN -> 1;
            case NONE -> 2;
            case ODD -> 3;
        };

        f.write(0x4011, code);

        assertThat(f.meter.settings().parity()).isEqualTo(parity);
        assertThat(f.meter.settings().line()).isEqualTo(new LineSettings(9600, parity));
    }

    @Test
    void aNewBaudIsEchoedAndThenInTheSettings() {
        assertThat(f.ask("06 40 04 01 2c")).isEqualTo("06 40 04 01 2c");

        assertThat(f.meter.settings().baud()).isEqualTo(300);
        assertThat(f.ask("03 40 04 00 01")).isEqualTo("03 02 01 2c");
    }
}
