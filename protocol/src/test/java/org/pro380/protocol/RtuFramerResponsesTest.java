package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.protocol.Frames.concat;
import static org.pro380.protocol.Frames.delivered;
import static org.pro380.protocol.Frames.feed;
import static org.pro380.protocol.Frames.feedByteByByte;
import static org.pro380.protocol.Frames.rtu;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RTU framer on the client side, parsing responses. */
class RtuFramerResponsesTest {
    private static final byte[] SPEC_REPLY = Hex.parse("01 03 0c 41 80 00 00 41 80 00 00 41 80 00 00 97 ae");
    private static final byte[] EXCEPTION = rtu("01 83 02");

    private final RtuFramer framer = new RtuFramer(RtuFramer.Side.RESPONSES);

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("spec reply", SPEC_REPLY),
                Arguments.of("exception", EXCEPTION),
                Arguments.of("exception to an unknown function", rtu("01 ab 01")),
                Arguments.of("read, byte count 0x80", readReply(0x80)),
                Arguments.of("read, byte count 0xfa", readReply(0xfa)),
                Arguments.of("write single echo", rtu("01 06 40 10 00 25")),
                Arguments.of("write multiple", rtu("01 10 40 10 00 02")),
                Arguments.of("unknown function", rtu("01 2b 0e 01 01 00 00 00")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void everySplitPointAndByteByByte(String name, byte[] wire) {
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(feed(framer, wire, cut)).as("cut at %d", cut).containsExactly(delivered(wire));
        }
        assertThat(feedByteByByte(framer, wire)).containsExactly(delivered(wire));
        assertThat(framer.buffered()).isZero();
        assertThat(framer.framesDropped()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void twoFramesInOneChunk(String name, byte[] wire) {
        assertThat(feed(framer, concat(wire, EXCEPTION, wire)))
                .containsExactly(delivered(wire), delivered(EXCEPTION), delivered(wire));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "00 00 00", "01 83", "01 03 ff", "01 03 0c 41 80 00", "01 04 02", "01 86"})
    void garbageBeforeAReply(String garbage) throws MalformedPduException {
        byte[] stream = concat(Hex.parse(garbage), SPEC_REPLY, EXCEPTION);

        var frames = feed(framer, stream);

        assertThat(frames).containsExactly(delivered(SPEC_REPLY), delivered(EXCEPTION));
        assertThat(framer.framesDropped()).isEqualTo(1);
        assertThat(PduCodec.decodeResponse(frames.get(0).pdu()))
                .isEqualTo(new ReadHoldingRegistersResponse(new int[] {0x4180, 0, 0x4180, 0, 0x4180, 0}));
    }

    @Test
    void garbageImplyingALongReplyWaitsForSilence() {
        byte[] fake = Hex.parse("01 04 fa"); // implies 255 bytes

        assertThat(feed(framer, fake)).isEmpty();
        framer.silence();

        assertThat(feed(framer, SPEC_REPLY)).containsExactly(delivered(SPEC_REPLY));
        assertThat(framer.framesDropped()).isEqualTo(1);
    }

    @Test
    void anImpossibleByteCountIsGarbage() {
        byte[] stream = concat(Hex.parse("01 03 ff"), SPEC_REPLY); // 5 + 255 > 256

        assertThat(feed(framer, stream)).containsExactly(delivered(SPEC_REPLY));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0xfa})
    void byteCountIsUnsigned(int byteCount) throws MalformedPduException {
        byte[] wire = readReply(byteCount);

        var frames = feed(framer, wire, 3);

        assertThat(frames).hasSize(1);
        assertThat(((ReadHoldingRegistersResponse)
                                PduCodec.decodeResponse(frames.get(0).pdu()))
                        .values())
                .hasSize(byteCount / 2);
    }

    private static byte[] readReply(int byteCount) {
        StringBuilder hex = new StringBuilder(String.format("01 03 %02x", byteCount));
        for (int i = 0; i < byteCount; i++) {
            hex.append(String.format(" %02x", (i * 37) & 0xFF));
        }
        return rtu(hex.toString());
    }
}
