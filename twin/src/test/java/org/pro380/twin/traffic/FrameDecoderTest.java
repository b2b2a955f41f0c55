package org.pro380.twin.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.traffic.TransportKind.Framing;

class FrameDecoderTest {

    private static final byte[] READ_VOLTAGES = Hex.parse("03 50 02 00 06");
    private static final byte[] NONE = new byte[0];

    @Test
    void anRtuReadNamesItsFunctionAddressAndQuantity() {
        DecodedFrame d = FrameDecoder.decode(Framing.RTU, Direction.IN, RtuCodec.encode(1, READ_VOLTAGES), NONE);

        assertThat(d.unit()).hasValue(1);
        assertThat(d.function()).hasValue(3);
        assertThat(d.address()).hasValue(0x5002);
        assertThat(d.quantity()).hasValue(6);
        assertThat(d.crc()).contains(DecodedFrame.Crc.OK);
        assertThat(d.problem()).isEmpty();
    }

    @Test
    void aReadsReplyNamesItsValuesByTheRegisterMapFromItsRequest() {
        // 230.0 V = 0x43660000, 231.0 V = 0x43670000
        byte[] reply = Hex.parse("03 08 43 66 00 00 43 67 00 00");

        DecodedFrame d =
                FrameDecoder.decode(Framing.RTU, Direction.OUT, RtuCodec.encode(1, reply), Hex.parse("03 50 02 00 04"));

        assertThat(d.address()).hasValue(0x5002);
        assertThat(d.quantity()).hasValue(4);
        assertThat(d.values()).containsEntry("voltage-l1", 230.0).containsEntry("voltage-l2", 231.0);
    }

    @Test
    void aReplyWithoutItsRequestHasNoNames() {
        DecodedFrame d = FrameDecoder.decode(
                Framing.RTU, Direction.OUT, RtuCodec.encode(1, Hex.parse("03 04 43 66 00 00")), NONE);

        assertThat(d.quantity()).hasValue(2);
        assertThat(d.values()).isEmpty();
    }

    @Test
    void aBrokenCrcIsBad() {
        byte[] frame = RtuCodec.encode(1, READ_VOLTAGES);
        frame[frame.length - 1] ^= (byte) 0xFF;

        assertThat(FrameDecoder.decode(Framing.RTU, Direction.IN, frame, NONE).crc())
                .contains(DecodedFrame.Crc.BAD);
    }

    @Test
    void anExceptionReplyHasItsCode() {
        DecodedFrame d =
                FrameDecoder.decode(Framing.RTU, Direction.OUT, RtuCodec.encode(1, Hex.parse("83 06")), READ_VOLTAGES);

        assertThat(d.function()).hasValue(3);
        assertThat(d.exception()).hasValue(6);
        assertThat(d.values()).isEmpty();
    }

    @Test
    void aWriteNamesTheRegisterAndItsValue() {
        DecodedFrame d =
                FrameDecoder.decode(Framing.MBAP, Direction.IN, Hex.parse("00 07 00 00 00 06 01 06 40 03 00 05"), NONE);

        assertThat(d.transaction()).hasValue(7);
        assertThat(d.unit()).hasValue(1);
        assertThat(d.function()).hasValue(6);
        assertThat(d.address()).hasValue(0x4003);
        assertThat(d.values()).containsEntry("meter-id", 5);
        assertThat(d.crc()).isEmpty();
    }

    @Test
    void aWrongMbapLengthIsAProblem() {
        DecodedFrame d =
                FrameDecoder.decode(Framing.MBAP, Direction.OUT, Hex.parse("00 01 00 00 00 09 01 03 02 00 05"), NONE);

        assertThat(d.problem()).contains("the MBAP length says 9 bytes, 5 follow");
        assertThat(d.function()).hasValue(3);
    }

    @Test
    void aFrameTooShortSaysSo() {
        DecodedFrame d = FrameDecoder.decode(Framing.RTU, Direction.IN, Hex.parse("01 03"), NONE);

        assertThat(d.unit()).hasValue(1);
        assertThat(d.function()).isEqualTo(OptionalInt.empty());
        assertThat(d.problem()).contains("an RTU frame of 2 bytes is too short (4 at least)");
    }
}
