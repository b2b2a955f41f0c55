package org.pro380.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.RtuFramer;
import org.pro380.protocol.UnitPdu;

/** RTU frames, for serial lines and transparent RS485-to-Ethernet gateways: the project's framer and CRC. */
final class RtuFraming implements Framing {
    private final RtuFramer framer = new RtuFramer(RtuFramer.Side.RESPONSES);
    private final Deque<UnitPdu> complete = new ArrayDeque<>();
    private long droppedAtReset;

    @Override
    public void reset() {
        framer.reset();
        complete.clear();
        droppedAtReset = framer.framesDropped();
    }

    @Override
    public void newAttempt() {
        if (damaged()) {
            framer.reset();
        }
        droppedAtReset = framer.framesDropped();
    }

    @Override
    public byte[] encode(int unitId, byte[] pdu) {
        return RtuCodec.encode(unitId, pdu);
    }

    @Override
    public Optional<UnitPdu> feed(byte[] chunk, int length) {
        complete.addAll(framer.feed(chunk, 0, length));
        return Optional.ofNullable(complete.poll());
    }

    @Override
    public boolean damaged() {
        return framer.framesDropped() > droppedAtReset;
    }

    @Override
    public int buffered() {
        return framer.buffered();
    }
}
