package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Crc16;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.RtuCodec;
import org.pro380.registers.Settings;
import org.pro380.twin.bus.Bus;

/** A meter's faults on an RTU stream, without sockets: what the session puts on the line. */
class RtuSessionFaultsTest {

    private record Sent(byte[] frame, Duration delay, Runnable done) {}

    private final List<Sent> sent = new ArrayList<>();

    private final List<Duration> hangUps = new ArrayList<>();

    private RtuSession session(String faults) {
        return session(Fixtures.bus(Fixtures.faults(faults)), true);
    }

    private RtuSession session(Bus bus, boolean connection) {
        return new RtuSession(
                bus,
                WireTiming.off(),
                LineWatch.silent(),
                new RtuSession.Line() {
                    @Override
                    public void send(byte[] frame, Duration delay, Runnable sent) {
                        RtuSessionFaultsTest.this.sent.add(new Sent(frame, delay, sent));
                    }

                    @Override
                    public boolean hangUp(Duration delay) {
                        hangUps.add(delay);
                        return connection;
                    }
                },
                () -> 0L);
    }

    private void ask(RtuSession session) {
        session.receive(READ_CURRENTS, 0, READ_CURRENTS.length);
    }

    @Test
    void aDroppedReplyIsNotSentAndTheNextRequestIsAnswered() {
        RtuSession session = session("{\"drop\":{\"count\":1}}");

        ask(session);
        assertThat(sent).isEmpty();
        assertThat(session.idle()).isTrue();

        ask(session);
        assertThat(sent).singleElement().satisfies(s -> assertThat(s.frame()).isEqualTo(CURRENTS_16A));
    }

    @Test
    void aCorruptCrcFailsTheCheck() {
        ask(session("{\"corruptCrc\":{}}"));

        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.frame()).hasSameSizeAs(CURRENTS_16A);
            assertThat(Crc16.endsWithValidCrc(s.frame(), 0, s.frame().length)).isFalse();
        });
    }

    @Test
    void anExceptionFaultIsAWellFormedExceptionFrame() {
        ask(session("{\"exception\":{\"code\":6}}"));

        assertThat(Hex.format(sent.get(0).frame())).isEqualTo(Hex.format(RtuCodec.encode(1, Hex.parse("83 06"))));
    }

    @Test
    void aWrongUnitIsAValidFrameFromAnotherUnit() {
        ask(session("{\"wrongUnit\":{}}"));

        byte[] frame = sent.get(0).frame();
        assertThat(frame[0]).isEqualTo((byte) 2);
        assertThat(Crc16.endsWithValidCrc(frame, 0, frame.length)).isTrue();
    }

    @Test
    void aDelayHoldsTheReplyAndTheLineStaysBusy() {
        RtuSession session = session("{\"delay\":{\"ms\":300}}");

        ask(session);
        ask(session);

        assertThat(sent).singleElement().satisfies(s -> assertThat(s.delay()).isEqualTo(Duration.ofMillis(300)));
        assertThat(session.idle()).isFalse();
        sent.get(0).done().run();
        assertThat(sent).hasSize(2);
    }

    @Test
    void aSplitReplyGoesOutInTwoPartsWithAGapOfMoreThanOneAndAHalfCharacters() {
        ask(session("{\"split\":{}}"));

        assertThat(sent)
                .singleElement()
                .satisfies(s -> assertThat(s.frame()).isEqualTo(Arrays.copyOf(CURRENTS_16A, CURRENTS_16A.length / 2)));
        sent.get(0).done().run();

        LineSettings line = Settings.factory().line();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).frame())
                .isEqualTo(Arrays.copyOfRange(CURRENTS_16A, CURRENTS_16A.length / 2, CURRENTS_16A.length));
        // the gap counts from the first part's last byte on the line
        assertThat(sent.get(1).delay().toNanos() - line.frameNanos(CURRENTS_16A.length / 2))
                .isGreaterThan(line.characterNanos() * 3 / 2);
    }

    @Test
    void aSplitReplysGapMayBeGiven() {
        ask(session("{\"split\":{\"gap\":\"600ms\"}}"));
        sent.get(0).done().run();

        assertThat(sent.get(1).delay()).isGreaterThan(Duration.ofMillis(600));
    }

    @Test
    void aDisconnectHangsUpAConnectionInsteadOfReplying() {
        RtuSession session = session("{\"disconnect\":{},\"delay\":{\"ms\":20}}");
        ask(session);

        assertThat(sent).isEmpty();
        assertThat(hangUps).containsExactly(Duration.ofMillis(20));
    }

    @Test
    void aDisconnectDoesNotApplyToASerialLineWhichReplies() {
        ask(session(Fixtures.bus(Fixtures.faults("{\"disconnect\":{}}")), false));

        assertThat(sent).singleElement().satisfies(s -> assertThat(s.frame()).isEqualTo(CURRENTS_16A));
    }

    @Test
    void onALineWithAAndBSwappedNothingIsUnderstoodAndNothingAnswers() {
        RtuSession session = session(Fixtures.bus(null, Fixtures.lineFaults("{\"swappedAB\":{}}")), true);

        ask(session);

        assertThat(sent).isEmpty();
        assertThat(session.framesDropped()).isPositive();
    }

    @Test
    void noiseOnTheLineBreaksARequestAndWearsOffAfterItsCount() {
        RtuSession session = session(Fixtures.bus(null, Fixtures.lineFaults("{\"noise\":{\"count\":1}}")), true);

        ask(session); // the request hit: not understood
        assertThat(sent).isEmpty();
        session.silence();
        ask(session); // worn off
        assertThat(sent).singleElement().satisfies(s -> assertThat(s.frame()).isEqualTo(CURRENTS_16A));
    }

    @Test
    void noiseOnTheLineBreaksRequestsAndReplies() {
        RtuSession session = session(
                Fixtures.bus(null, Fixtures.lineFaults("{\"noise\":{\"probability\":0.5,\"bytes\":\"zero\"}}")), true);
        int asked = 40;
        for (int i = 0; i < asked; i++) {
            ask(session);
            session.silence();
            if (!sent.isEmpty() && !session.idle()) {
                sent.get(sent.size() - 1).done().run();
            }
        }

        assertThat(sent.size()).isLessThan(asked); // some requests not understood
        assertThat(sent).anySatisfy(s -> assertThat(s.frame()).isEqualTo(CURRENTS_16A));
        assertThat(sent).anySatisfy(s -> {
            assertThat(Crc16.endsWithValidCrc(s.frame(), 0, s.frame().length)).isFalse();
            assertThat(Hex.format(s.frame())).contains("00 00 00 00");
        });
    }
}
