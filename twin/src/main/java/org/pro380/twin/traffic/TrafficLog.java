package org.pro380.twin.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.pro380.twin.capture.Direction;

/**
 * One meter's last {@value #SIZE} frames, requests and replies, numbered from 1, and what the
 * frames alone tell: CRC errors heard, faults applied by name. Frames are kept as bytes and
 * decoded only when read, so keeping them costs a record and a lock per frame; only the meters
 * {@link TrafficLogs} chooses keep them (the others count, and number their frames). Thread-safe.
 */
public final class TrafficLog {

    public static final int SIZE = 500;

    /** What a meter's frames counted: CRC errors in frames for it, and faults applied by name. */
    public record Counts(long crcErrors, Map<String, Long> faultsApplied) {
        public Counts {
            faultsApplied = Map.copyOf(faultsApplied);
        }
    }

    private static final byte[] NO_REQUEST = new byte[0];

    private final TrafficLogs site;
    /** Null while the meter keeps no frames. */
    private TrafficFrame[] ring;
    /** The first frame the ring holds. */
    private long first = 1;

    private Map<String, Long> faultsApplied = Map.of();
    private long last;
    private long crcErrors;
    private List<String> forNextReply = List.of();

    /** A log that keeps its frames from the start, for a meter of no site. */
    public TrafficLog() {
        this(null);
        keep();
    }

    TrafficLog(TrafficLogs site) {
        this.site = site;
    }

    synchronized void keep() {
        if (ring == null) {
            ring = new TrafficFrame[SIZE];
            first = last + 1;
        }
    }

    synchronized void forget() {
        ring = null;
    }

    /**
     * A frame the meter heard; {@code crcBad} for an RTU frame whose CRC fails. The log keeps
     * {@code bytes} as they are (a tap's frames are new arrays that nobody changes afterwards).
     */
    public void heard(long epochMicros, TransportKind transport, String link, byte[] bytes, boolean crcBad) {
        heard(() -> epochMicros, transport, link, bytes, crcBad);
    }

    /**
     * As {@link #heard(long, TransportKind, String, byte[], boolean)}, the time read only if the
     * frame is kept: a clock read costs more than the rest of a frame that is only counted.
     */
    public synchronized void heard(
            LongSupplier epochMicros, TransportKind transport, String link, byte[] bytes, boolean crcBad) {
        if (crcBad) {
            crcErrors++;
        }
        forNextReply = List.of();
        last++;
        if (ring != null) {
            ring[slot(last)] = new TrafficFrame(
                    last, epochMicros.getAsLong(), Direction.IN, transport, link, bytes, List.of(), NO_REQUEST);
        }
    }

    /**
     * A reply the meter sent to the request whose PDU is {@code request}; the faults applied to
     * it. Keeps {@code bytes} and {@code request} as they are, as {@link #heard} does.
     */
    public List<String> sent(long epochMicros, TransportKind transport, String link, byte[] bytes, byte[] request) {
        return sent(() -> epochMicros, transport, link, bytes, request);
    }

    /** As {@link #sent(long, TransportKind, String, byte[], byte[])}, the time read only if the frame is kept. */
    public synchronized List<String> sent(
            LongSupplier epochMicros, TransportKind transport, String link, byte[] bytes, byte[] request) {
        last++;
        if (ring != null) {
            ring[slot(last)] = new TrafficFrame(
                    last, epochMicros.getAsLong(), Direction.OUT, transport, link, bytes, forNextReply, request);
        }
        List<String> faults = forNextReply;
        forNextReply = List.of();
        return faults;
    }

    /**
     * The faults applied to the request just heard: they are noted on it (a dropped reply has no
     * frame of its own) and on the reply that follows, and counted.
     */
    public synchronized void applied(List<String> faults) {
        if (faultsApplied.isEmpty()) {
            faultsApplied = new LinkedHashMap<>();
        }
        for (String f : faults) {
            faultsApplied.merge(f, 1L, Long::sum);
        }
        forNextReply = List.copyOf(faults);
        TrafficFrame newest = ring == null || last < first ? null : ring[slot(last)];
        if (newest != null && newest.direction() == Direction.IN) {
            ring[slot(last)] = newest.withFaults(forNextReply);
        }
    }

    /**
     * Frames, oldest first, and the number to ask for frames after next time: the last frame's,
     * or, when there are none, the newest number (after a restart, or frames not kept).
     */
    public record Page(List<TrafficFrame> frames, long last) {
        public Page {
            frames = List.copyOf(frames);
        }
    }

    /** The number of the newest frame; 0 before the first. */
    public synchronized long last() {
        return last;
    }

    /**
     * The oldest {@code limit} frames kept whose number is above {@code since}, oldest first. A
     * meter that kept no frames keeps them from now on.
     */
    public Page after(long since, int limit) {
        asked();
        synchronized (this) {
            long from = Math.max(since + 1, oldest());
            long to = Math.min(last, from + limit - 1);
            return new Page(range(from, to), to);
        }
    }

    /** The newest {@code limit} frames, oldest first. A meter that kept no frames keeps them from now on. */
    public Page newest(int limit) {
        asked();
        synchronized (this) {
            return new Page(range(Math.max(last - limit + 1, oldest()), last), last);
        }
    }

    /** Outside this log's lock: the site's choice may make another log forget. */
    private void asked() {
        if (site != null) {
            site.asked(this);
        }
    }

    private long oldest() {
        return Math.max(Math.max(last - SIZE + 1, first), 1);
    }

    public synchronized Counts counts() {
        return new Counts(crcErrors, faultsApplied);
    }

    private List<TrafficFrame> range(long from, long to) {
        if (ring == null) {
            return List.of();
        }
        List<TrafficFrame> frames = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            frames.add(ring[slot(seq)]);
        }
        return frames;
    }

    private static int slot(long seq) {
        return (int) ((seq - 1) % SIZE);
    }
}
