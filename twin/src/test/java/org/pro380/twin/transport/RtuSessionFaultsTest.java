package org.pro380.twin.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pro380.twin.transport.Fixtures.CURRENTS_16A;
import static org.pro380.twin.transport.Fixtures.READ_CURRENTS;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pro380.protocol.Crc16;
import org.pro380.protocol.Hex;
import org.pro380.protocol.RtuCodec;

/** A meter's faults on an RTU stream, without sockets: what the session puts on the line. */
class RtuSessionFaultsTest {

    private record Sent(byte[] frame, Duration delay, Runnable done) {}

    private final List<Sent> sent = new ArrayList<>();

    private RtuSession session(String faults) {
        return new RtuSession(
                Fixtures.bus(Fixtures.faults(faults)),
                WireTiming.off(),
                LineWatch.silent(),
                (frame, delay, done) -> sent.add(new Sent(frame, delay, done)),
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
}
