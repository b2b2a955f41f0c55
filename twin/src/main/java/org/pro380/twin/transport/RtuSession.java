package org.pro380.twin.transport;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.RtuCodec;
import org.pro380.protocol.RtuFramer;
import org.pro380.protocol.UnitPdu;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.bus.BusReply;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Tap;
import org.pro380.twin.fault.ReplyFaults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters' end of one RTU byte stream (a TCP connection, a gateway link, a serial port), with
 * no I/O: received bytes go in, go to the {@link Bus} of meters behind the stream, and what the
 * bus answers comes out through a {@link Line}. Half duplex as on
 * RS485: one request is answered at a time, in order; requests that arrive while a reply is on
 * its way wait their turn. None is dropped: once {@value #QUEUE_BOUND} wait, {@link #backlogged}
 * tells the transport to stop reading until replies have left (back-pressure), so the queue holds
 * at most one read's worth of requests more than that.
 *
 * <p>A frame ends at a silence of 3.5 characters at the meter's baud, but never less than
 * {@link #MIN_SILENCE_NANOS} (50 ms): bytes over TCP or a pseudo-terminal carry no timing of their
 * own, and a network may hold a frame's halves apart for a few milliseconds. The transport
 * measures the silence and calls {@link #silence}.
 *
 * <p>With wire timing, the session keeps the line's time: a request starts on the line when it
 * arrives, or when the line is free again if it arrives sooner (3.5 characters after the last
 * reply's end, as a master on RS485 must wait), and its reply is released when the reply's last
 * byte would arrive counted from that start, however long the request waited to be answered.
 *
 * <p>A reply's faults (docs/faults.md) are framed here: a dropped reply is not sent, a delayed
 * one keeps the line busy for its delay, a split one goes out in two parts, a disconnect closes
 * the connection where the line is one, the rest change the RTU frame ({@link ReplyFaults#rtu}).
 * The bus's line faults (noise, swappedAB) change the bytes heard in both directions.
 *
 * <p>Not thread-safe: call {@link #receive}, {@link #silence} and the Line's {@code sent}
 * callback from one thread (the channel's event loop, the serial port's writer).
 */
public final class RtuSession {

    /** Where reply frames go. */
    public interface Line {
        /** Sends {@code frame} after {@code delay}, then calls {@code sent} on the session thread, also on failure. */
        void send(byte[] frame, Duration delay, Runnable sent);

        /**
         * The line settings frames are sent at, where the line has them (a serial port or pty):
         * meters set to others do not understand them. Empty over TCP.
         */
        default Optional<LineSettings> settings() {
            return Optional.empty();
        }

        /**
         * Closes the connection after {@code delay} instead of a reply (the disconnect fault);
         * false where the line is no connection (a serial port): the reply then goes out.
         */
        default boolean hangUp(Duration delay) {
            return false;
        }
    }

    static final int QUEUE_BOUND = 32;
    static final long MIN_SILENCE_NANOS = 50_000_000L;
    /** How a change of the line settings came about, in the log. */
    static final String WRITTEN = Bus.WRITTEN;

    static final String CHANGED_ELSEWHERE = "changed through another transport or the control API";
    private static final int CRC_AND_UNIT = 3;
    private static final Logger log = LoggerFactory.getLogger(RtuSession.class);

    private final Bus bus;
    private final WireTiming timing;
    private final Line line;
    private final LineWatch watch;
    /** A garbled frame is recorded as it was heard, dropped as a meter drops it. */
    private final RtuFramer framer =
            new RtuFramer(RtuFramer.Side.REQUESTS, garbled -> this.tap.record(Direction.IN, garbled));

    private final Queue<Arrived> waiting = new ArrayDeque<>();
    private final LongSupplier nanoTime;
    /** When the line is free for the master's next request (nanoTime); only with wire timing. */
    private long lineFreeAt = Long.MIN_VALUE;

    private boolean replying;
    private boolean pumping;
    private Tap tap = Tap.OFF;
    /** The frames of one receive, each recorded as the framer found it: in wire order with the garbled runs. */
    private final List<UnitPdu> framed = new ArrayList<>();
    /** Made once rather than for every frame. */
    private final Consumer<UnitPdu> toFramed = this::framed;

    private final Runnable whenSent = this::sent;

    private volatile int queued;

    /** A request frame and when its last byte was received (nanoTime). */
    private record Arrived(UnitPdu frame, long at) {}

    public RtuSession(Bus bus, WireTiming timing, Line line) {
        this(bus, timing, LineWatch.silent(), line, System::nanoTime);
    }

    /** @param nanoTime the clock that times replies with wire timing (System::nanoTime but in tests) */
    RtuSession(Bus bus, WireTiming timing, LineWatch watch, Line line, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.watch = Objects.requireNonNull(watch, "watch");
        this.line = Objects.requireNonNull(line, "line");
    }

    /** Records each frame received from now on into {@code tap}; the replies are recorded as the Line writes them. */
    void recordInto(Tap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    /** How long a silence ends a frame on {@code line}: 3.5 characters, at least 50 ms. */
    static long silenceNanos(LineSettings line) {
        return Math.max(line.interFrameGapNanos(), MIN_SILENCE_NANOS);
    }

    /** Bytes received from the stream, any chunking. */
    public void receive(byte[] chunk, int offset, int length) {
        long now = nanoTime.getAsLong();
        ReplyFaults onTheLine = bus.lineFaults().decideLine();
        if (!onTheLine.none()) {
            byte[] heard = onTheLine.onLine(java.util.Arrays.copyOfRange(chunk, offset, offset + length));
            receive(now, heard, 0, heard.length);
        } else {
            receive(now, chunk, offset, length);
        }
    }

    private void receive(long now, byte[] chunk, int offset, int length) {
        framer.feed(chunk, offset, length, toFramed);
        for (int i = 0; i < framed.size(); i++) {
            waiting.add(new Arrived(framed.get(i), now));
        }
        framed.clear();
        queued = waiting.size();
        pump();
    }

    private void framed(UnitPdu frame) {
        if (tap.on()) {
            tap.record(Direction.IN, RtuCodec.encode(frame));
        }
        framed.add(frame);
    }

    /**
     * Whether {@value #QUEUE_BOUND} or more requests wait: the transport should stop reading until
     * a reply has left. Safe to call from any thread.
     */
    public boolean backlogged() {
        return queued >= QUEUE_BOUND;
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
                queued = waiting.size();
            }
        } finally {
            pumping = false;
        }
    }

    private void answer(Arrived arrived) {
        UnitPdu request = arrived.frame();
        LineSettings lineBefore = bus.line();
        watch.note(lineBefore, CHANGED_ELSEWHERE);
        BusReply reply;
        try {
            reply = bus.handle(request.unitId(), request.pdu(), line.settings());
        } catch (RuntimeException e) {
            log.error("no reply to {}: the meter failed", request, e);
            return;
        }
        watch.note(bus.line(), WRITTEN);
        Optional<byte[]> heard = onTheLine(reply);
        ReplyFaults faults = reply instanceof BusReply.Answer a ? a.faults() : ReplyFaults.NONE;
        if (heard.isPresent() && faults.disconnect() && line.hangUp(faults.delay())) {
            replying = true; // the connection is closing: nothing more is answered on it
            return;
        }
        if (heard.isPresent() && !faults.drop()) {
            byte[] frame = onTheLine(faults.rtu(heard.get()));
            Duration delay = replyDelay(
                    arrived.at(),
                    lineBefore,
                    timing.replyDelay(lineBefore, request.pduLength() + CRC_AND_UNIT, frame.length)
                            .plus(faults.delay()));
            replying = true;
            if (faults.split()) {
                sendSplit(frame, delay, faults.splitGap(lineBefore), lineBefore);
            } else {
                line.send(frame, delay, whenSent);
            }
        }
    }

    /** The bus's line faults on a reply frame: noise the master hears in it. */
    private byte[] onTheLine(byte[] frame) {
        ReplyFaults onTheLine = bus.lineFaults().decideLine();
        return onTheLine.none() ? frame : onTheLine.onLine(frame);
    }

    /** A reply in two parts, the second {@code gap} after the first has left the line at {@code at}'s baud. */
    private void sendSplit(byte[] frame, Duration delay, Duration gap, LineSettings at) {
        byte[][] parts = ReplyFaults.halves(frame);
        line.send(parts[0], delay, () -> line.send(parts[1], gap.plusNanos(at.frameNanos(parts[0].length)), whenSent));
    }

    /** How long from now the reply waits: its time on the line from the request's start, less what has passed. */
    private Duration replyDelay(long arrivedAt, LineSettings line, Duration onTheLine) {
        if (onTheLine.isZero()) {
            return onTheLine;
        }
        long start = Math.max(arrivedAt, lineFreeAt);
        long release = start + onTheLine.toNanos();
        lineFreeAt = release + line.interFrameGapNanos();
        return Duration.ofNanos(Math.max(0, release - nanoTime.getAsLong()));
    }

    /** The bytes the master hears: one reply frame, or colliding frames as the line mixes them. */
    private static Optional<byte[]> onTheLine(BusReply reply) {
        if (reply instanceof BusReply.Answer a) {
            return Optional.of(RtuCodec.encode(a.reply()));
        }
        if (reply instanceof BusReply.Collision c) {
            return Optional.of(c.onTheLine());
        }
        return Optional.empty();
    }

    private void sent() {
        replying = false;
        pump();
    }
}
