package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;
import static org.pro380.twin.transport.Fixtures.rtu;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.Parity;
import org.pro380.twin.bus.Bus;

class RtuSessionTest {

    private static final byte[] WRITE_BAUD_4800 = rtu(1, "06 40 04 12 c0");

    private record Sent(byte[] frame, Duration delay, Runnable done) {
        String hex() {
            return Hex.format(frame);
        }
    }

    /** A line that keeps what it is given; the test says when a reply has left. */
    private final List<Sent> sent = new ArrayList<>();

    private final Bus server = Fixtures.bus();

    /** The session's clock, moved by the tests (nanoseconds). */
    private long now;

    private RtuSession session(WireTiming timing) {
        return new RtuSession(
                server,
                timing,
                LineWatch.silent(),
                (frame, delay, done) -> sent.add(new Sent(frame, delay, done)),
                () -> now);
    }

    @Test
    void answersTheSpecsWireCheck() {
        session(WireTiming.off()).receive(READ_CURRENTS, 0, READ_CURRENTS.length);

        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.hex()).isEqualTo(Hex.format(CURRENTS_16A));
            assertThat(s.delay()).isZero();
        });
    }

    @Test
    void framesSplitByteByByteAreAnswered() {
        RtuSession session = session(WireTiming.off());
        for (int i = 0; i < READ_CURRENTS.length; i++) {
            assertThat(sent).isEmpty();
            session.receive(READ_CURRENTS, i, 1);
        }
        assertThat(sent).singleElement().extracting(Sent::hex).isEqualTo(Hex.format(CURRENTS_16A));
    }

    @Test
    void halfDuplexOneReplyAtATimeInOrder() {
        RtuSession session = session(WireTiming.off());
        byte[] two = concat(WRITE_BAUD_4800, READ_CURRENTS);
        session.receive(two, 0, two.length);

        assertThat(sent).extracting(Sent::hex).containsExactly(Hex.format(WRITE_BAUD_4800));
        assertThat(session.idle()).isFalse();

        sent.get(0).done().run();
        assertThat(sent).extracting(Sent::hex).containsExactly(Hex.format(WRITE_BAUD_4800), Hex.format(CURRENTS_16A));

        sent.get(1).done().run();
        assertThat(session.idle()).isTrue();
    }

    @Test
    void aLineThatReportsSentAtOnceStillAnswersEverythingInOrder() {
        List<String> out = new ArrayList<>();
        RtuSession session = new RtuSession(server, WireTiming.off(), (frame, delay, done) -> {
            out.add(Hex.format(frame));
            done.run();
        });
        byte[] three = concat(READ_CURRENTS, concat(WRITE_BAUD_4800, READ_CURRENTS));
        session.receive(three, 0, three.length);

        assertThat(out)
                .containsExactly(Hex.format(CURRENTS_16A), Hex.format(WRITE_BAUD_4800), Hex.format(CURRENTS_16A));
        assertThat(session.idle()).isTrue();
    }

    @Test
    void garbageBeforeAFrameIsDropped() {
        RtuSession session = session(WireTiming.off());
        byte[] garbage = Hex.parse("ff 13 00 7e 01 03");
        session.receive(garbage, 0, garbage.length);
        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);

        assertThat(sent).singleElement().extracting(Sent::hex).isEqualTo(Hex.format(CURRENTS_16A));
        assertThat(session.framesDropped()).isPositive();
    }

    @Test
    void anotherUnitGetsNoReplyAndTheNextGoodFrameDoes() {
        RtuSession session = session(WireTiming.off());
        byte[] other = rtu(2, Fixtures.READ_CURRENTS_PDU);
        session.receive(other, 0, other.length);
        assertThat(sent).isEmpty();
        assertThat(session.idle()).isTrue();

        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);
        assertThat(sent).singleElement().extracting(Sent::hex).isEqualTo(Hex.format(CURRENTS_16A));
    }

    @Test
    void silenceDropsATruncatedFrameInsteadOfGluingIt() {
        RtuSession session = session(WireTiming.off());
        // Without the silence, the truncated request plus the first byte (cb) of the next frame
        // would make a valid request to unit 1.
        byte[] truncated = Hex.parse("01 03 50 0c 00 06 14");
        byte[] forUnit203 = rtu(0xcb, Fixtures.READ_CURRENTS_PDU);
        session.receive(truncated, 0, truncated.length);
        session.silence();
        session.receive(forUnit203, 0, forUnit203.length);

        assertThat(sent).isEmpty();
    }

    @Test
    void theDelayIsTimedAtTheSettingsTheRequestArrivedUnder() {
        WireTiming timing = WireTiming.of(Duration.ofMillis(5));
        RtuSession session = session(timing);
        session.receive(WRITE_BAUD_4800, 0, WRITE_BAUD_4800.length);
        now += 27_343_750L + GAP_9600;
        sent.get(0).done().run();
        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);

        // 9600 8E1, 11 bits a character: (8 request + 3.5 gap + 8 reply) * 11 / 9600 s + 5 ms turnaround
        assertThat(sent.get(0).delay().toNanos()).isCloseTo(27_343_750L, within(1_000L));
        // 4800 8E1: (8 + 3.5 + 17) * 11 / 4800 s + 5 ms
        assertThat(sent.get(1).delay().toNanos()).isCloseTo(70_312_500L, within(1_000L));
    }

    /** 3.5 characters of 11 bits at 9600 baud. */
    private static final long GAP_9600 = 4_010_417L;
    /** (8 request + 3.5 gap + 17 reply) x 11 bits at 9600 baud + 5 ms turnaround. */
    private static final long READ_CURRENTS_9600 = 37_656_250L;

    @Test
    void aRequestSentAtOnceAfterAReplyStartsOnlyAfterTheLinesGap() {
        RtuSession session = session(WireTiming.of(Duration.ofMillis(5)));
        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);
        now += READ_CURRENTS_9600; // the reply left on time, and the master answers at once
        sent.get(0).done().run();
        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);

        assertThat(sent.get(0).delay().toNanos()).isCloseTo(READ_CURRENTS_9600, within(1_000L));
        assertThat(sent.get(1).delay().toNanos()).isCloseTo(GAP_9600 + READ_CURRENTS_9600, within(1_000L));
    }

    @Test
    void aReplyIsTimedFromItsRequestsStartNotFromWhenItWasAnswered() {
        RtuSession session = session(WireTiming.of(Duration.ofMillis(5)));
        byte[] two = concat(READ_CURRENTS, READ_CURRENTS);
        session.receive(two, 0, two.length);
        now += READ_CURRENTS_9600 + 10_000_000L; // the first reply left 10 ms late
        sent.get(0).done().run();

        // the second request started on the line 3.5 characters after the first reply was due
        long due = READ_CURRENTS_9600 + GAP_9600 + READ_CURRENTS_9600;
        assertThat(sent.get(1).delay().toNanos()).isCloseTo(due - now, within(1_000L));
    }

    @Test
    void requestsBeyondTheQueueBoundAreAllAnsweredInOrderWhileTheSessionSaysBacklogged() {
        RtuSession session = session(WireTiming.off());
        int requests = RtuSession.QUEUE_BOUND + 6;
        byte[] all = new byte[0];
        for (int i = 0; i < requests; i++) {
            all = concat(all, i % 2 == 0 ? READ_CURRENTS : WRITE_BAUD_4800);
        }
        session.receive(all, 0, all.length);
        assertThat(session.backlogged())
                .as("backlogged with %d waiting", requests - 1)
                .isTrue();

        for (int i = 0; i < requests; i++) {
            sent.get(i).done().run();
        }

        assertThat(sent).hasSize(requests);
        for (int i = 0; i < requests; i++) {
            assertThat(sent.get(i).hex())
                    .as("reply %d", i)
                    .isEqualTo(Hex.format(i % 2 == 0 ? CURRENTS_16A : WRITE_BAUD_4800));
        }
        assertThat(session.backlogged()).isFalse();
        assertThat(session.idle()).isTrue();
    }

    @Test
    void aSilenceEndsAFrameOfAtLeast50Milliseconds() {
        assertThat(RtuSession.silenceNanos(new LineSettings(9600, Parity.EVEN))).isEqualTo(50_000_000L);
        // 3.5 characters of 11 bits at 300 baud: 128.33 ms
        assertThat(RtuSession.silenceNanos(new LineSettings(300, Parity.EVEN))).isCloseTo(128_333_333L, within(1_000L));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Test
    void framesAndGarbledRunsAreRecordedInTheOrderTheyCameOnTheWire() {
        RtuSession session = session(WireTiming.off());
        List<String> recorded = new ArrayList<>();
        session.recordInto((direction, bytes) -> recorded.add(direction + " " + Hex.format(bytes)));
        byte[] garbage = Hex.parse("ff ff ff");
        byte[] oneRead = concat(concat(READ_CURRENTS, garbage), WRITE_BAUD_4800);

        session.receive(oneRead, 0, oneRead.length);

        assertThat(recorded)
                .containsExactly(
                        "IN " + Hex.format(READ_CURRENTS),
                        "IN " + Hex.format(garbage),
                        "IN " + Hex.format(WRITE_BAUD_4800));
    }
}
