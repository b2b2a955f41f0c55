package org.pro380.client;

import java.util.Optional;
import org.pro380.protocol.UnitPdu;

/** How PDUs travel on a byte stream: RTU (unit, PDU, CRC) or Modbus TCP (MBAP header, PDU). */
interface Framing {

    /** Forgets buffered bytes and any damage seen; called before each new request. */
    void reset();

    /**
     * Called before a request is sent again: keeps what is buffered, so that a late reply to an
     * earlier attempt still counts (a write of a new unit id must not be lost to its own retry),
     * and forgets the damage seen so far.
     */
    void newAttempt();

    /** The ADU that carries {@code pdu} to {@code unitId}; the reply to it is the next one {@link #feed} accepts. */
    byte[] encode(int unitId, byte[] pdu);

    /**
     * Feeds received bytes; returns the first complete reply to the last request (CRC or header
     * checked), if any. Further replies in the same bytes are kept for the next call (a length of
     * 0 asks only for those).
     */
    Optional<UnitPdu> feed(byte[] chunk, int length) throws ClientException;

    /** Whether bytes were thrown away since {@link #reset()} because their CRC did not match. */
    boolean damaged();

    /** Bytes held waiting for the rest of a frame. */
    int buffered();
}
