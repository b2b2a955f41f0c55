package org.pro380.twin.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import org.pro380.meter.MeterServer;
import org.pro380.meter.ModbusReply;
import org.pro380.protocol.LineTiming;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.RtuFrame;
import org.pro380.protocol.RtuFramer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meter's end of one RTU byte stream (a TCP connection, a gateway link, a serial port), with
 * no I/O: received bytes go in, reply frames come out through a {@link Line}. Half duplex as on
 * RS485: one request is answered at a time, in order; requests that arrive while a reply is on
 * its way wait their turn (at most {@value #MAX_WAITING}; more are dropped, as a real bus would
 * garble them).
 *
 * <p>Not thread-safe: call {@link #receive}, {@link #silence} and the Line's {@code sent}
 * callback from one thread (the channel's event loop, the serial port's writer).
 */
public final class RtuSession {

    /** Where reply frames go. */
    public interface Line {
        /** Sends {@code frame} after {@code delay}, then calls {@code sent} on the session thread, also on failure. */
        void send(byte[] frame, Duration delay, Runnable sent);
    }

    static final int MAX_WAITING = 32;
    private static final int CRC_AND_UNIT = 3;
    private static final Logger log = LoggerFactory.getLogger(RtuSession.class);

    private final MeterServer server;
    private final WireTiming timing;
    private final Line line;
    private final RtuFramer framer = new RtuFramer(RtuFramer.Side.REQUESTS);
    private final Queue<RtuFrame> waiting = new ArrayDeque<>();
    private boolean replying;
    private boolean pumping;

    public RtuSession(MeterServer server, WireTiming timing, Line line) {
        this.server = Objects.requireNonNull(server, "server");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.line = Objects.requireNonNull(line, "line");
    }

    /** Bytes received from the stream, any chunking. */
    public void receive(byte[] chunk, int offset, int length) {
        for (RtuFrame frame : framer.feed(chunk, offset, length)) {
            if (waiting.size() < MAX_WAITING) {
                waiting.add(frame);
            } else {
                log.debug("dropped {}: {} requests already waiting", frame, MAX_WAITING);
            }
        }
        pump();
    }

    /** The line was silent for a frame gap: a partial frame is dropped, as a real meter does. */
    public void silence() {
        framer.silence();
    }

    /** No reply on its way and no request waiting. */
    public boolean idle() {
        return !replying && waiting.isEmpty();
    }

    /** Runs of received bytes that were not a frame (bad CRC, garbage, truncated). */
    public long framesDropped() {
        return framer.framesDropped();
    }

    private void pump() {
        // A Line may call sent() before send() returns; the loop below then carries on.
        if (pumping) {
            return;
        }
        pumping = true;
        try {
            while (!replying && !waiting.isEmpty()) {
                answer(waiting.remove());
            }
        } finally {
            pumping = false;
        }
    }

    private void answer(RtuFrame request) {
        LineTiming lineBefore = server.meter().settings().lineTiming();
        Optional<ModbusReply> reply;
        try {
            reply = server.handle(request.unitId(), request.pdu());
        } catch (RuntimeException e) {
            log.error("no reply to {}: the meter failed", request, e);
            return;
        }
        if (reply.isPresent()) {
            byte[] frame = RtuCodec.encode(reply.get().unitId(), reply.get().pdu());
            Duration delay = timing.replyDelay(lineBefore, request.pdu().length + CRC_AND_UNIT, frame.length);
            replying = true;
            line.send(frame, delay, this::sent);
        }
    }

    private void sent() {
        replying = false;
        pump();
    }
}
