package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Crc16Test {

    /** Published vectors: the spec's wire check and well-known Modbus examples. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "01 03 50 0c 00 06 14 cb", // spec: wallbox request
                "01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae", // spec: meter reply, 16 A per phase
                "01 03 00 00 00 0a c5 cd", // read 10 holding registers
                "11 03 00 6b 00 03 76 87", // Modbus spec example, unit 17
                "01 04 00 00 00 01 31 ca"
            }) // read 1 input register
    void publishedFramesEndWithTheirCrc(String hex) {
        byte[] frame = Hex.parse(hex);
        int expected = (frame[frame.length - 1] & 0xFF) << 8 | (frame[frame.length - 2] & 0xFF);

        assertThat(Crc16.of(frame, 0, frame.length - 2)).isEqualTo(expected);
        assertThat(Crc16.endsWithValidCrc(frame, 0, frame.length)).isTrue();
    }

    @Test
    void checkValueOfTheCatalogue() {
        byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(Crc16.of(data, 0, data.length)).isEqualTo(0x4B37);
    }

    @Test
    void emptyInputGivesTheInitialValue() {
        assertThat(Crc16.of(new byte[0], 0, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void tableAgreesWithBitwiseDefinitionOnRandomData() {
        Random random = new Random(380);
        for (int i = 0; i < 500; i++) {
            byte[] data = new byte[random.nextInt(300)];
            random.nextBytes(data);
            assertThat(Crc16.of(data, 0, data.length)).isEqualTo(bitwise(data));
        }
    }

    @Test
    void honoursOffsetAndLength() {
        byte[] padded = Hex.parse("ee ee 01 03 50 0c 00 06 14 cb ee");

        assertThat(Crc16.of(padded, 2, 6)).isEqualTo(0xCB14);
        assertThat(Crc16.endsWithValidCrc(padded, 2, 8)).isTrue();
        assertThat(Crc16.endsWithValidCrc(padded, 2, 9)).isFalse();
        assertThatThrownBy(() -> Crc16.of(padded, 8, 4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void everySingleBitErrorIsDetected() {
        byte[] frame = Hex.parse("01 03 50 0c 00 06 14 cb");
        for (int bit = 0; bit < frame.length * 8; bit++) {
            byte[] damaged = frame.clone();
            damaged[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(Crc16.endsWithValidCrc(damaged, 0, damaged.length))
                    .as("bit %d", bit)
                    .isFalse();
        }
    }

    @Test
    void crcBytesInTheWrongOrderAreRejected() {
        assertThat(Crc16.endsWithValidCrc(Hex.parse("01 03 50 0c 00 06 cb 14"), 0, 8))
                .isFalse();
    }

    @Test
    void tooShortToHoldACrcIsNotValid() {
        assertThat(Crc16.endsWithValidCrc(Hex.parse("ff ff"), 0, 2)).isFalse();
    }

    private static int bitwise(byte[] data) {
        int crc = 0xFFFF;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
        }
        return crc;
    }
}
