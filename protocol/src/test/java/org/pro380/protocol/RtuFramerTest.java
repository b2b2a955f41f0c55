package org.pro380.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.protocol.Frames.concat;
import static org.pro380.protocol.Frames.delivered;
import static org.pro380.protocol.Frames.feed;
import static org.pro380.protocol.Frames.feedByteByByte;
import static org.pro380.protocol.Frames.repeat;
import static org.pro380.protocol.Frames.rtu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The RTU framer on the server side, parsing requests. */
class RtuFramerTest {
    private static final byte[] SPEC_REQUEST = Hex.parse("01 03 50 0c 00 06 14 cb");
    private static final byte[] WRITE = rtu("01 06 40 10 00 25");

    private final RtuFramer framer = new RtuFramer(RtuFramer.Side.REQUESTS);

    static Stream<Arguments> requests() {
        StringBuilder largeWrite = new StringBuilder("07 10 00 00 00 7b f6");
        for (int i = 0; i < 123; i++) {
            largeWrite.append(String.format(" %02x %02x", i, 255 - i));
        }
        return Stream.of(
                Arguments.of("spec read", SPEC_REQUEST),
                Arguments.of("broadcast write", rtu("00 06 40 10 00 25")),
                Arguments.of("write multiple", rtu("01 10 40 10 00 02 04 00 25 00 01")),
                Arguments.of("write multiple, 255 bytes", rtu(largeWrite.toString())),
                Arguments.of("read coils", rtu("01 01 00 00 00 08")),
                Arguments.of("diagnostics", rtu("01 08 00 00 12 34")),
                Arguments.of("report server id, 4 bytes", rtu("01 11")),
                Arguments.of("unknown function 0x2b", rtu("01 2b 0e 01 00")),
                Arguments.of("unknown function 0x41, no data", rtu("f7 41")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void wholeFrame(String name, byte[] wire) {
        assertThat(feed(framer, wire)).containsExactly(delivered(wire));
        assertIdle();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void everySplitPoint(String name, byte[] wire) {
        for (int cut = 0; cut <= wire.length; cut++) {
            assertThat(feed(framer, wire, cut)).as("cut at %d", cut).containsExactly(delivered(wire));
            assertIdle();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void everyPairOfSplitPoints(String name, byte[] wire) {
        int n = Math.min(wire.length, 20);
        for (int first = 0; first <= n; first++) {
            for (int second = first; second <= n; second++) {
                assertThat(feed(framer, wire, first, second))
                        .as("cuts at %d, %d", first, second)
                        .containsExactly(delivered(wire));
            }
        }
        assertIdle();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void byteByByte(String name, byte[] wire) {
        assertThat(feedByteByByte(framer, wire)).containsExactly(delivered(wire));
        assertIdle();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void followedByAnotherFrameInOneChunk(String name, byte[] wire) {
        assertThat(feed(framer, concat(wire, WRITE))).containsExactly(delivered(wire), delivered(WRITE));
        assertThat(feed(framer, concat(WRITE, wire))).containsExactly(delivered(WRITE), delivered(wire));
        assertIdle();
    }

    @Test
    void twoFramesSplitAnywhere() {
        byte[] two = concat(SPEC_REQUEST, WRITE);
        for (int cut = 0; cut <= two.length; cut++) {
            assertThat(feed(framer, two, cut))
                    .as("cut at %d", cut)
                    .containsExactly(delivered(SPEC_REQUEST), delivered(WRITE));
        }
        assertIdle();
    }

    @Test
    void deliversTheSpecRequest() {
        assertThat(feed(framer, SPEC_REQUEST)).containsExactly(new UnitPdu(1, Hex.parse("03 50 0c 00 06")));
    }

    @Test
    void nothingIsDeliveredBeforeTheLastByte() {
        assertThat(feed(framer, java.util.Arrays.copyOf(SPEC_REQUEST, 7))).isEmpty();
        assertThat(framer.buffered()).isEqualTo(7);
        assertThat(framer.feed(SPEC_REQUEST, 7, 1)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ff",
                "00",
                "00 00 00",
                "13 37 42",
                "01 03",
                "01 03 50 0c 00 06 14",
                "01 03 50 0c 00 06 cb 14",
                "ff ff ff ff ff ff ff ff ff ff",
                "01 2b 0e",
                "01 03 0c 41 80 00 00 41 80"
            })
    void garbageBeforeAFrame(String garbage) {
        byte[] stream = concat(Hex.parse(garbage), SPEC_REQUEST, WRITE);

        assertThat(feed(framer, stream)).containsExactly(delivered(SPEC_REQUEST), delivered(WRITE));
        assertThat(framer.framesDropped()).isEqualTo(1);
        assertThat(feedByteByByte(new RtuFramer(RtuFramer.Side.REQUESTS), stream))
                .containsExactly(delivered(SPEC_REQUEST), delivered(WRITE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "00 00 00", "01 03 50 0c 00 06 14", "ff ff ff ff ff ff ff ff ff ff", "01 2b 0e"})
    void garbageBeforeAFrameIsHandedOverAsOneRunAsItWas(String garbage) {
        List<byte[]> runs = new ArrayList<>();
        RtuFramer keeping = new RtuFramer(RtuFramer.Side.REQUESTS, runs::add);

        assertThat(feed(keeping, concat(Hex.parse(garbage), SPEC_REQUEST))).containsExactly(delivered(SPEC_REQUEST));
        assertThat(runs).containsExactly(Hex.parse(garbage));
    }

    @Test
    void aFrameWithABadCrcOrCutShortBySilenceIsHandedOverAsItWas() {
        List<byte[]> runs = new ArrayList<>();
        RtuFramer keeping = new RtuFramer(RtuFramer.Side.REQUESTS, runs::add);
        byte[] bad = SPEC_REQUEST.clone();
        bad[7] ^= 0x01;
        byte[] cut = java.util.Arrays.copyOf(WRITE, 5);

        assertThat(feed(keeping, concat(bad, WRITE))).containsExactly(delivered(WRITE));
        assertThat(feed(keeping, cut)).isEmpty();
        keeping.silence();
        assertThat(runs).containsExactly(bad, cut);
    }

    @Test
    void anotherServersReplyOnTheBusIsSkipped() {
        byte[] stream = concat(rtu("02 83 02"), rtu("02 03 02 00 01"), SPEC_REQUEST);

        assertThat(feed(framer, stream)).containsExactly(delivered(SPEC_REQUEST));
    }

    @Test
    void badCrcSlidesOneByteAndRecovers() {
        byte[] bad = SPEC_REQUEST.clone();
        bad[7] ^= 0x01;

        assertThat(feed(framer, concat(bad, WRITE))).containsExactly(delivered(WRITE));
        assertThat(framer.framesDropped()).isEqualTo(1);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void anyCorruptedByteLosesOnlyItsOwnFrame() {
        for (int i = 0; i < SPEC_REQUEST.length; i++) {
            for (int flip : new int[] {0x01, 0x80, 0xff}) {
                byte[] bad = SPEC_REQUEST.clone();
                bad[i] ^= (byte) flip;
                RtuFramer fresh = new RtuFramer(RtuFramer.Side.REQUESTS);
                assertThat(feed(fresh, concat(WRITE, bad, WRITE, SPEC_REQUEST)))
                        .as("byte %d ^ %02x", i, flip)
                        .containsExactly(delivered(WRITE), delivered(WRITE), delivered(SPEC_REQUEST));
            }
        }
    }

    @Test
    void garbageThatLooksLikeALongWriteWaitsForItsLengthOrForSilence() {
        byte[] fake = Hex.parse("01 10 00 00 00 05 0a"); // implies 19 bytes

        assertThat(feed(framer, concat(fake, SPEC_REQUEST))).isEmpty();
        assertThat(feed(framer, repeat(WRITE, 2)))
                .containsExactly(delivered(SPEC_REQUEST), delivered(WRITE), delivered(WRITE));

        RtuFramer serial = new RtuFramer(RtuFramer.Side.REQUESTS);
        assertThat(feed(serial, fake)).isEmpty();
        serial.silence();
        assertThat(feed(serial, SPEC_REQUEST)).containsExactly(delivered(SPEC_REQUEST));
    }

    @Test
    void dataOfALongFrameIsNotMistakenForAFrame() {
        byte[] write = rtu("01 10 40 00 00 04 08 " + Hex.format(SPEC_REQUEST));

        assertThat(feedByteByByte(framer, write)).containsExactly(delivered(write));
    }

    @Test
    void silenceDropsAPartialFrame() {
        assertThat(feed(framer, java.util.Arrays.copyOf(SPEC_REQUEST, 5))).isEmpty();

        framer.silence();

        assertThat(framer.buffered()).isZero();
        assertThat(framer.framesDropped()).isEqualTo(1);
        assertThat(framer.feed(SPEC_REQUEST, 5, 3)).isEmpty();
        assertThat(feed(framer, WRITE)).containsExactly(delivered(WRITE));
    }

    @Test
    void silenceBetweenWholeFramesDropsNothing() {
        framer.silence();
        feed(framer, SPEC_REQUEST);
        framer.silence();
        assertThat(feed(framer, WRITE)).containsExactly(delivered(WRITE));
        assertThat(framer.framesDropped()).isZero();
    }

    @Test
    void resetForgetsWithoutCounting() {
        feed(framer, java.util.Arrays.copyOf(SPEC_REQUEST, 5));
        framer.reset();

        assertThat(framer.buffered()).isZero();
        assertThat(framer.framesDropped()).isZero();
        assertThat(feed(framer, SPEC_REQUEST)).containsExactly(delivered(SPEC_REQUEST));
    }

    @Test
    void bufferNeverExceedsTheLargestFrame() {
        byte[] noise = new byte[1000];
        java.util.Arrays.fill(noise, (byte) 0x55);
        List<UnitPdu> frames = new ArrayList<>();
        for (int i = 0; i < noise.length; i++) {
            frames.addAll(framer.feed(noise, i, 1));
            assertThat(framer.buffered()).isLessThanOrEqualTo(256);
        }
        frames.addAll(feed(framer, concat(noise, SPEC_REQUEST)));

        assertThat(frames).containsExactly(delivered(SPEC_REQUEST));
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void recoversFromRandomGarbage() {
        Random random = new Random(380);
        byte[] good = repeat(concat(SPEC_REQUEST, WRITE), 20);
        List<UnitPdu> expected = Collections.nCopies(20, List.of(delivered(SPEC_REQUEST), delivered(WRITE))).stream()
                .flatMap(List::stream)
                .toList();
        for (int trial = 0; trial < 300; trial++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            byte[] stream = concat(garbage, good);
            RtuFramer fresh = new RtuFramer(RtuFramer.Side.REQUESTS);
            List<UnitPdu> frames = new ArrayList<>();
            for (int from = 0; from < stream.length; ) {
                int n = Math.min(stream.length - from, 1 + random.nextInt(16));
                frames.addAll(fresh.feed(stream, from, n));
                from += n;
            }
            assertThat(frames).as("garbage %s", Hex.format(garbage)).isEqualTo(expected);
        }
    }

    private void assertIdle() {
        assertThat(framer.buffered()).isZero();
        assertThat(framer.framesDropped()).isZero();
    }
}
