package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MbapTest {
    private static final MbapFrame READ = new MbapFrame(0x2a, 1, Hex.parse("03 50 0c 00 06"));
    private static final byte[] READ_WIRE = Hex.parse("00 2a 00 00 00 06 01 03 50 0c 00 06");
    private static final MbapFrame WRITE = new MbapFrame(0xbeef, 247, Hex.parse("06 40 10 00 25"));

    private final MbapFramer framer = new MbapFramer();

    @Test
    void encodes() {
        assertThat(MbapCodec.encode(READ)).isEqualTo(READ_WIRE);
        assertThat(Hex.format(MbapCodec.encode(WRITE))).isEqualTo("be ef 00 00 00 06 f7 06 40 10 00 25");
    }

    @Test
    void everySplitPointAndByteByByte() throws MalformedFrameException {
        for (int cut = 0; cut <= READ_WIRE.length; cut++) {
            List<MbapFrame> frames = new ArrayList<>(framer.feed(READ_WIRE, 0, cut));
            frames.addAll(framer.feed(READ_WIRE, cut, READ_WIRE.length - cut));
            assertThat(frames).as("cut at %d", cut).containsExactly(READ);
        }
        List<MbapFrame> frames = new ArrayList<>();
        for (int i = 0; i < READ_WIRE.length; i++) {
            frames.addAll(framer.feed(READ_WIRE, i, 1));
        }
        assertThat(frames).containsExactly(READ);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void twoFramesInOneChunkSplitAnywhere() throws MalformedFrameException {
        byte[] two = Frames.concat(READ_WIRE, MbapCodec.encode(WRITE));
        for (int cut = 0; cut <= two.length; cut++) {
            List<MbapFrame> frames = new ArrayList<>(framer.feed(two, 0, cut));
            frames.addAll(framer.feed(two, cut, two.length - cut));
            assertThat(frames).as("cut at %d", cut).containsExactly(READ, WRITE);
        }
    }

    @Test
    void largestAndSmallestPdu() throws MalformedFrameException {
        MbapFrame largest = new MbapFrame(1, 1, new byte[253]);
        MbapFrame smallest = new MbapFrame(2, 1, new byte[] {0x11});
        byte[] wire = Frames.concat(MbapCodec.encode(largest), MbapCodec.encode(smallest));

        assertThat(wire).hasSize(260 + 8);
        assertThat(framer.feed(wire, 0, wire.length)).containsExactly(largest, smallest);
    }

    @Test
    void protocolIdOtherThanZeroIsRejectedAsSoonAsItArrives() {
        byte[] wire = Hex.parse("00 2a 00 01");
        assertThatThrownBy(() -> framer.feed(wire, 0, wire.length))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("MBAP protocol id 0x0001 (expected 0x0000)");
    }

    @Test
    void lengthFieldOutside2To254IsRejected() {
        for (String header :
                new String[] {"00 01 00 00 00 ff", "00 01 00 00 00 00", "00 01 00 00 00 01", "00 01 00 00 01 00"}) {
            byte[] wire = Hex.parse(header + " 01 03");
            MbapFramer fresh = new MbapFramer();
            assertThatThrownBy(() -> fresh.feed(wire, 0, wire.length))
                    .as(header)
                    .isInstanceOf(MalformedFrameException.class)
                    .hasMessageContaining("(expected 2..254)");
        }
        assertThatThrownBy(() -> framer.feed(Hex.parse("00 01 00 00 00 ff"), 0, 6))
                .hasMessage("MBAP length field 255 (expected 2..254)");
    }

    @Test
    void afterABadHeaderTheFramerStartsAfresh() throws MalformedFrameException {
        byte[] bad = Hex.parse("00 2a 12 34 00 06");
        assertThatThrownBy(() -> framer.feed(bad, 0, bad.length)).isInstanceOf(MalformedFrameException.class);

        assertThat(framer.buffered()).isZero();
        assertThat(framer.feed(READ_WIRE, 0, READ_WIRE.length)).containsExactly(READ);
    }

    @Test
    void framesBeforeABadHeaderInTheSameChunkAreHandedOnBeforeItThrows() {
        byte[] chunk = Frames.concat(READ_WIRE, Hex.parse("00 2b 00 01 00 06"));
        List<MbapFrame> frames = new ArrayList<>();

        assertThatThrownBy(() -> framer.feed(chunk, 0, chunk.length, frames::add))
                .hasMessage("MBAP protocol id 0x0001 (expected 0x0000)");
        assertThat(frames).containsExactly(READ);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void resetForgetsAPartialFrame() throws MalformedFrameException {
        framer.feed(READ_WIRE, 0, 9);
        framer.reset();
        assertThat(framer.feed(READ_WIRE, 0, READ_WIRE.length)).containsExactly(READ);
    }
}
