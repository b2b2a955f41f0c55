package org.pro380.twin.traffic;

import java.util.List;
import org.pro380.twin.capture.Direction;

/**
 * One frame a meter heard or sent, as its {@link TrafficLog} keeps it: the bytes as they were on
 * the wire, decoded only when someone reads them ({@link FrameDecoder}).
 *
 * @param seq the frame's number in its meter's log, from 1
 * @param epochMicros when it went on the wire, microseconds since 1970 (wall time)
 * @param link the master's address (TCP) or the device (serial)
 * @param faults the names of the faults applied to the request and its reply
 * @param request for a reply, the PDU of the request it answers (its register names come from
 *     there); empty for a request
 */
public record TrafficFrame(
        long seq,
        long epochMicros,
        Direction direction,
        TransportKind transport,
        String link,
        byte[] bytes,
        List<String> faults,
        byte[] request) {

    public TrafficFrame {
        faults = List.copyOf(faults);
    }

    /** The same frame with {@code applied} as its faults. */
    TrafficFrame withFaults(List<String> applied) {
        return new TrafficFrame(seq, epochMicros, direction, transport, link, bytes, applied, request);
    }

    /** What the frame says: unit, function, registers by name, exception, CRC. */
    public DecodedFrame decoded() {
        return FrameDecoder.decode(transport.framing(), direction, bytes, request);
    }
}
