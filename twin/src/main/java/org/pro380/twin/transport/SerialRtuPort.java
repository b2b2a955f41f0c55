package org.pro380.twin.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.pro380.protocol.Hex;
import org.pro380.protocol.LineSettings;
import org.pro380.protocol.RtuCodec;
import org.pro380.serial.SerialLine;
import org.pro380.twin.bus.Bus;
import org.pro380.twin.capture.Direction;
import org.pro380.twin.capture.Link;
import org.pro380.twin.capture.Recorder;
import org.pro380.twin.capture.Tap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTU on a serial device: a USB RS485 adapter, or one end of a pseudo-terminal pair. The port runs
 * at the meter's baud and parity, 8 data bits, 1 stop bit, and follows the meter when they change:
 * after the reply to the write that changed them has left the line (the reply goes out at the old
 * settings, spec section 3), or, for a change made elsewhere, as soon as the port is idle.
 *
 * <p>A reader thread timestamps incoming bytes; a silence longer than max(3.5 characters, 50 ms)
 * drops a partial frame rather than gluing it to the next. The {@link RtuSession} and all writes
 * live on one writer thread. The reader hands over one read at a time and reads again only once the
 * session has taken it and is not backlogged, so a client that floods a pseudo-terminal without
 * reading the replies is held back by the terminal's buffer, not by the twin's memory. Each switch
 * of the line is logged: "serial device /tmp/meter: line settings now 4800 8O1 (written over Modbus)".
 */
public final class SerialRtuPort implements Transport {

    private static final long JOIN_MILLIS = 1000;
    private static final long ROOM_POLL_MILLIS = 100;
    private static final Logger log = LoggerFactory.getLogger(SerialRtuPort.class);

    private final String path;
    private final Bus bus;
    private final SerialDevice device;
    private final ScheduledExecutorService writer;
    private final RtuSession session;
    private final Thread reader;
    private final Semaphore room = new Semaphore(0);
    private final Tap tap;
    private boolean roomOwed;
    private volatile LineSettings line;
    private volatile boolean closed;
    private volatile long bytesReceived;

    private SerialRtuPort(
            String path, Bus bus, WireTiming timing, SerialDevice device, LineSettings line, Recorder recorder) {
        this.path = path;
        this.tap = recorder.tap(new Link.Serial(path));
        this.bus = bus;
        this.device = device;
        this.line = line;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pro380-serial-writer " + path));
        this.session = new RtuSession(bus, timing, new RtuSession.Line() {
            @Override
            public void send(byte[] frame, Duration delay, Runnable sent) {
                SerialRtuPort.this.send(frame, delay, sent);
            }

            @Override
            public Optional<LineSettings> settings() {
                return Optional.of(SerialRtuPort.this.line);
            }
        });
        session.recordInto(tap);
        this.reader = daemon(this::readLoop, "pro380-serial-reader " + path);
    }

    /** Opens {@code path} (a device name or path; links such as socat's are followed) at the meter's line settings. */
    public static SerialRtuPort open(String path, Bus bus, WireTiming timing) throws TransportException {
        return open(path, bus, timing, Recorder.OFF);
    }

    /** As {@link #open(String, Bus, WireTiming)}, recording the line's frames. */
    public static SerialRtuPort open(String path, Bus bus, WireTiming timing, Recorder recorder)
            throws TransportException {
        LineSettings line = bus.line();
        WireTiming onThisLine = SerialLine.isPseudoTerminal(path) ? timing : timing.onPhysicalLine();
        return start(path, bus, onThisLine, JSerialCommDevice.open(path, line), line, recorder);
    }

    /** Serves RTU on an already open {@code device} that runs at {@code line}. */
    static SerialRtuPort start(String path, Bus bus, WireTiming timing, SerialDevice device, LineSettings line) {
        return start(path, bus, timing, device, line, Recorder.OFF);
    }

    static SerialRtuPort start(
            String path, Bus bus, WireTiming timing, SerialDevice device, LineSettings line, Recorder recorder) {
        SerialRtuPort port = new SerialRtuPort(path, bus, timing, device, line, recorder);
        port.reader.start();
        return port;
    }

    /** The baud and parity the port runs at now. */
    public LineSettings line() {
        return line;
    }

    /** Bytes read from the device so far. */
    long bytesReceived() {
        return bytesReceived;
    }

    @Override
    public String describe() {
        return "RTU on serial " + path + " at " + format(line);
    }

    @Override
    public void close() {
        closed = true;
        device.close();
        writer.shutdownNow();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readLoop() {
        byte[] buffer = new byte[RtuCodec.MAX_ADU];
        long lastByte = System.nanoTime();
        while (!closed) {
            int n = device.read(buffer);
            long now = System.nanoTime();
            if (n < 0) {
                if (!closed) {
                    log.error("serial device {} was lost; RTU on it has stopped", path);
                }
                return;
            }
            if (n == 0) {
                onWriter(this::followMeter);
                continue;
            }
            boolean gap = now - lastByte > RtuSession.silenceNanos(line);
            bytesReceived += n;
            byte[] chunk = Arrays.copyOf(buffer, n);
            onWriter(() -> {
                if (gap) {
                    session.silence();
                }
                LineSettings before = bus.line();
                session.receive(chunk, 0, chunk.length);
                followUnansweredWrite(before);
                releaseRoomUnlessBacklogged();
            });
            awaitRoom();
            // Bytes that arrived while the reader waited were not silent: time from now.
            lastByte = System.nanoTime();
        }
    }

    /** On the writer: lets the reader read again, or owes it that until a reply has left. */
    private void releaseRoomUnlessBacklogged() {
        if (session.backlogged()) {
            roomOwed = true;
        } else {
            roomOwed = false;
            room.release();
        }
    }

    private void awaitRoom() {
        try {
            while (!closed && !room.tryAcquire(ROOM_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                // polled only to notice close(), which does not release the reader
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void send(byte[] frame, Duration delay, Runnable sent) {
        Runnable transmit = () -> {
            try {
                transmit(frame);
            } finally {
                sent.run();
                if (roomOwed) {
                    releaseRoomUnlessBacklogged();
                }
            }
        };
        try {
            writer.schedule(transmit, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("serial device {} closed; reply {} not sent", path, Hex.format(frame));
        }
    }

    private void transmit(byte[] frame) {
        long start = System.nanoTime();
        tap.record(Direction.OUT, frame);
        if (!device.write(frame) && !closed) {
            log.warn("serial device {}: reply {} not fully written", path, Hex.format(frame));
        }
        LineSettings wanted = bus.line();
        if (!wanted.equals(line)) {
            device.drain();
            // The adapter still shifts out what it holds after the system's queue is empty.
            sleepUntil(start + line.frameNanos(frame.length));
            reconfigure(wanted, RtuSession.WRITTEN);
        }
    }

    /**
     * A write over this line that changed its settings and has no reply to wait for (a broadcast)
     * is followed at once; one with a reply, once the reply has left ({@link #transmit}).
     */
    private void followUnansweredWrite(LineSettings before) {
        LineSettings wanted = bus.line();
        if (session.idle() && !wanted.equals(before) && !wanted.equals(line)) {
            reconfigure(wanted, RtuSession.WRITTEN);
        }
    }

    private void followMeter() {
        LineSettings wanted = bus.line();
        if (session.idle() && !wanted.equals(line)) {
            reconfigure(wanted, RtuSession.CHANGED_ELSEWHERE);
        }
    }

    private void reconfigure(LineSettings wanted, String how) {
        if (device.configure(wanted)) {
            log.info("serial device {}: line settings now {} ({})", path, format(wanted), how);
        } else {
            log.info(
                    "serial device {}: line settings now {} ({}); the device refused them (not a real "
                            + "serial port?), carrying on",
                    path,
                    format(wanted),
                    how);
        }
        line = wanted;
    }

    private void onWriter(Runnable task) {
        try {
            writer.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("serial device {} closed; input dropped", path);
        }
    }

    private static void sleepUntil(long deadline) {
        for (long left = deadline - System.nanoTime();
                left > 0 && !Thread.currentThread().isInterrupted();
                left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** "9600 8E1". */
    static String format(LineSettings line) {
        return line.baud() + " 8" + line.parity().name().charAt(0) + "1";
    }

    private static Thread daemon(Runnable body, String name) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }
}
