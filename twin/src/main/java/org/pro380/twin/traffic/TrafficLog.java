package org.pro380.twin.traffic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pro380.twin.capture.Direction;

/**
 * One meter's last {@value #SIZE} frames, requests and replies, numbered from 1, and what the
 * frames alone tell: CRC errors heard, faults applied by name. Frames are kept as bytes and
 * decoded only when read, so keeping them costs a copy and a lock per frame. Thread-safe.
 */
public final class TrafficLog {

    public static final int SIZE = 500;

    /** What a meter's frames counted: CRC errors in frames for it, and faults applied by name. */
    public record Counts(long crcErrors, Map<String, Long> faultsApplied) {
        public Counts {
            faultsApplied = Map.copyOf(faultsApplied);
        }
    }

    private final TrafficFrame[] ring = new TrafficFrame[SIZE];
    private final Map<String, Long> faultsApplied = new LinkedHashMap<>();
    private long last;
    private long crcErrors;
    private List<String> forNextReply = List.of();

    /** A frame the meter heard; {@code crcBad} for an RTU frame whose CRC fails. */
    public synchronized void heard(
            long epochMicros, TransportKind transport, String link, byte[] bytes, boolean crcBad) {
        if (crcBad) {
            crcErrors++;
        }
        forNextReply = List.of();
        add(new TrafficFrame(
                last + 1, epochMicros, Direction.IN, transport, link, bytes.clone(), List.of(), new byte[0]));
    }

    /** A reply the meter sent to the request whose PDU is {@code request}. */
    public synchronized void sent(
            long epochMicros, TransportKind transport, String link, byte[] bytes, byte[] request) {
        add(new TrafficFrame(
                last + 1, epochMicros, Direction.OUT, transport, link, bytes.clone(), forNextReply, request));
        forNextReply = List.of();
    }

    /**
     * The faults applied to the request just heard: they are noted on it (a dropped reply has no
     * frame of its own) and on the reply that follows, and counted.
     */
    public synchronized void applied(List<String> faults) {
        for (String f : faults) {
            faultsApplied.merge(f, 1L, Long::sum);
        }
        forNextReply = List.copyOf(faults);
        TrafficFrame newest = last == 0 ? null : ring[slot(last)];
        if (newest != null && newest.direction() == Direction.IN) {
            ring[slot(last)] = newest.withFaults(forNextReply);
        }
    }

    /** The number of the newest frame; 0 before the first. */
    public synchronized long last() {
        return last;
    }

    /** The oldest {@code limit} frames kept whose number is above {@code since}, oldest first. */
    public synchronized List<TrafficFrame> after(long since, int limit) {
        long from = Math.max(Math.max(since + 1, last - SIZE + 1), 1);
        long to = Math.min(last, from + limit - 1);
        return range(from, to);
    }

    /** The newest {@code limit} frames, oldest first. */
    public synchronized List<TrafficFrame> newest(int limit) {
        return range(Math.max(Math.max(last - limit + 1, last - SIZE + 1), 1), last);
    }

    public synchronized Counts counts() {
        return new Counts(crcErrors, faultsApplied);
    }

    private List<TrafficFrame> range(long from, long to) {
        List<TrafficFrame> frames = new ArrayList<>((int) Math.max(0, to - from + 1));
        for (long seq = from; seq <= to; seq++) {
            frames.add(ring[slot(seq)]);
        }
        return frames;
    }

    private void add(TrafficFrame frame) {
        last = frame.seq();
        ring[slot(last)] = frame;
    }

    private static int slot(long seq) {
        return (int) ((seq - 1) % SIZE);
    }
}
