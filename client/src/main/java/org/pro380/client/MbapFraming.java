package org.pro380.client;

import java.util.Optional;
import org.pro380.protocol.MalformedFrameException;
import org.pro380.protocol.MbapCodec;
import org.pro380.protocol.MbapFrame;
import org.pro380.protocol.MbapFramer;
import org.pro380.protocol.UnitPdu;

/**
 * Modbus TCP frames: each attempt gets a new transaction id; a reply to any attempt of the
 * current request is taken, and replies to earlier requests (late ones) are skipped.
 */
final class MbapFraming implements Framing {
    private final MbapFramer framer = new MbapFramer();
    private int transactionId;
    private int firstOfRequest = 1;

    @Override
    public void reset() {
        framer.reset();
        firstOfRequest = (transactionId + 1) & 0xFFFF;
    }

    @Override
    public void newAttempt() {
        // every transaction id since firstOfRequest stays acceptable
    }

    @Override
    public byte[] encode(int unitId, byte[] pdu) {
        transactionId = (transactionId + 1) & 0xFFFF;
        return MbapCodec.encode(new MbapFrame(transactionId, unitId, pdu));
    }

    @Override
    public Optional<UnitPdu> feed(byte[] chunk, int length) throws ClientException {
        try {
            return framer.feed(chunk, 0, length).stream()
                    .filter(f -> ((f.transactionId() - firstOfRequest) & 0xFFFF)
                            <= ((transactionId - firstOfRequest) & 0xFFFF))
                    .findFirst()
                    .map(MbapFrame::carried);
        } catch (MalformedFrameException e) {
            throw new MalformedReplyException(e.getMessage());
        }
    }

    @Override
    public boolean damaged() {
        return false;
    }

    @Override
    public int buffered() {
        return framer.buffered();
    }
}
