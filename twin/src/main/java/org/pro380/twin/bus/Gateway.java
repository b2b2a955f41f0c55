package org.pro380.twin.bus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.pro380.protocol.ExceptionCode;
import org.pro380.protocol.ExceptionResponse;
import org.pro380.protocol.UnitPdu;
import org.pro380.registers.UnitId;
import org.pro380.twin.fault.ReplyFaults;

/**
 * Modbus TCP in front of a bus, as an RS485-to-Ethernet gateway (spec section 11): the MBAP unit
 * id goes to the bus; when no meter answers (an unknown id, a meter without power, colliding
 * replies) the gateway answers exception 0x0B after its timeout; a broadcast stays unanswered.
 * Unit 255 addresses the gateway itself: it reaches a lone meter whatever its id, and the reply
 * echoes 255; on a bus of several it is 0x0B. A frame the bus's line faults (noise, swappedAB)
 * hit is lost between the gateway and the meters: 0x0B too. No I/O.
 */
public final class Gateway {

    public static final int DIRECT = 0xFF;

    private final Bus bus;
    private final Duration targetTimeout;

    /** @param targetTimeout how long the gateway waits for a silent meter before its 0x0B (0: at once) */
    public Gateway(Bus bus, Duration targetTimeout) {
        this.bus = Objects.requireNonNull(bus, "bus");
        if (targetTimeout.isNegative()) {
            throw new IllegalArgumentException("gateway timeout must be >= 0, got " + targetTimeout);
        }
        this.targetTimeout = targetTimeout;
    }

    public Bus bus() {
        return bus;
    }

    /** What the gateway sends back to a Modbus TCP request, and after how long; empty for none. */
    public Optional<Reply> handle(int unitId, byte[] pdu) {
        boolean direct = unitId == DIRECT;
        BusReply heard = lostOnTheLine() ? BusReply.SILENCE : direct ? direct(pdu) : bus.handle(unitId, pdu);
        if (heard instanceof BusReply.Answer a && !lostOnTheLine()) {
            if (a.faults().drop() && !a.faults().disconnect()) {
                return Optional.empty(); // the reply is lost: a master times out, as no gateway answers for it
            }
            return Optional.of(new Reply(
                    direct ? new UnitPdu(DIRECT, a.reply().pdu()) : a.reply(),
                    a.faults().delay(),
                    a.faults()));
        }
        if (unitId == UnitId.BROADCAST) {
            return Optional.empty();
        }
        int function = pdu.length > 0 ? pdu[0] & 0x7F : 0;
        byte[] noReply = {
            (byte) (function | ExceptionResponse.EXCEPTION_BIT),
            (byte) ExceptionCode.GATEWAY_TARGET_FAILED_TO_RESPOND.code()
        };
        return Optional.of(new Reply(new UnitPdu(unitId, noReply), targetTimeout, ReplyFaults.NONE));
    }

    /**
     * Whether the bus's line faults hit a frame between the gateway and the meters now: the
     * gateway's RS485 side finds no frame in it, so a request is not heard, a reply not received.
     */
    private boolean lostOnTheLine() {
        return !bus.lineFaults().decideLine().none();
    }

    private BusReply direct(byte[] pdu) {
        if (bus.size() > 1) {
            return BusReply.SILENCE;
        }
        return bus.handle(bus.meters().get(0).meter().settings().unitId(), pdu);
    }

    /** A reply and the MBAP unit id it goes out with, sent after {@code delay}, framed with {@code faults}. */
    public record Reply(UnitPdu reply, Duration delay, ReplyFaults faults) {}
}
